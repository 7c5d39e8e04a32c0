package io.countersign.store.dynamodb.testserver;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An AttributeValue (API Reference, "AttributeValue"): exactly one of the data types. Numbers are kept
 * normalised (no trailing zeros), so that equal numbers are equal values, as DynamoDB compares them.
 */
sealed interface Value {

    /** The wire name of the type: S, N, B, BOOL, NULL, L, M, SS, NS, BS. */
    String type();

    /**
     * The value's size as DynamoDB counts it towards the 400 KB item limit (Developer Guide, "Item sizes"):
     * strings and binaries their bytes, numbers about one byte per two significant digits plus one, null
     * and booleans one byte, lists and maps three bytes plus one per element and their elements.
     */
    long size();

    /** A string; key strings sort by their UTF-8 bytes (Developer Guide, "Query": "sorted by UTF-8 bytes"). */
    record S(String v) implements Value {
        public String type() {
            return "S";
        }

        public long size() {
            return utf8(v);
        }
    }

    /** A number: up to 38 significant digits (Developer Guide, "Data types", Number). */
    record N(BigDecimal v) implements Value {
        public String type() {
            return "N";
        }

        public long size() {
            return numberSize(v);
        }
    }

    /** Binary: compared as unsigned bytes. */
    record B(byte[] v) implements Value {
        public String type() {
            return "B";
        }

        public long size() {
            return v.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof B b && Arrays.equals(v, b.v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v);
        }

        @Override
        public String toString() {
            return "B(" + Base64.getEncoder().encodeToString(v) + ")";
        }
    }

    record Bool(boolean v) implements Value {
        public String type() {
            return "BOOL";
        }

        public long size() {
            return 1;
        }
    }

    record Null() implements Value {
        public String type() {
            return "NULL";
        }

        public long size() {
            return 1;
        }
    }

    record L(List<Value> v) implements Value {
        public L {
            v = List.copyOf(v);
        }

        public String type() {
            return "L";
        }

        public long size() {
            return 3 + v.stream().mapToLong(e -> 1 + e.size()).sum();
        }
    }

    record M(Map<String, Value> v) implements Value {
        public M {
            v = Map.copyOf(v);
        }

        public String type() {
            return "M";
        }

        public long size() {
            return 3 + v.entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + e.getValue().size()).sum();
        }
    }

    record SS(Set<String> v) implements Value {
        public SS {
            v = Set.copyOf(v);
        }

        public String type() {
            return "SS";
        }

        public long size() {
            return v.stream().mapToLong(Value::utf8).sum();
        }
    }

    record NS(Set<BigDecimal> v) implements Value {
        public NS {
            v = Set.copyOf(v);
        }

        public String type() {
            return "NS";
        }

        public long size() {
            return v.stream().mapToLong(Value::numberSize).sum();
        }
    }

    record BS(Set<B> v) implements Value {
        public BS {
            v = Set.copyOf(v);
        }

        public String type() {
            return "BS";
        }

        public long size() {
            return v.stream().mapToLong(B::size).sum();
        }
    }

    /** Whether values of this type can be ordered ({@code <}, {@code BETWEEN}, key order): S, N and B. */
    default boolean scalar() {
        return this instanceof S || this instanceof N || this instanceof B;
    }

    /**
     * Orders two scalars of the same type: strings and binaries by unsigned bytes, numbers by value.
     * Callers check {@link #scalar()} and equal types first.
     */
    static int compare(Value a, Value b) {
        if (a instanceof N x && b instanceof N y) {
            return x.v().compareTo(y.v());
        }
        if (a instanceof S x && b instanceof S y) {
            return Arrays.compareUnsigned(x.v().getBytes(StandardCharsets.UTF_8), y.v().getBytes(StandardCharsets.UTF_8));
        }
        if (a instanceof B x && b instanceof B y) {
            return Arrays.compareUnsigned(x.v(), y.v());
        }
        throw new IllegalArgumentException("not comparable: " + a.type() + " and " + b.type());
    }

    /** The number in DynamoDB's normal form: no exponent, no trailing zeros. */
    static BigDecimal normal(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        return s.signum() == 0 ? BigDecimal.ZERO : s;
    }

    /** Rounds an arithmetic result to DynamoDB's 38 digits of precision. */
    static BigDecimal precise(BigDecimal n) {
        return normal(n.round(new MathContext(38)));
    }

    /** The size of an item: each attribute's name in UTF-8 bytes plus its value. */
    static long itemSize(Map<String, Value> item) {
        long size = 0;
        for (Map.Entry<String, Value> e : item.entrySet()) {
            size += utf8(e.getKey()) + e.getValue().size();
        }
        return size;
    }

    private static long numberSize(BigDecimal n) {
        return (n.precision() + 1) / 2 + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}

package io.countersign.lang.check;

/**
 * The static type of an operand. {@code ANY} is an open attribute ({@code requester.NAME},
 * {@code context.NAME}) whose type is only known at run time; it is compatible with everything.
 */
public record Type(Base base, Type element) {

    /** The kinds of value. Integers and decimals are both numbers: they compare numerically. */
    public enum Base { STRING, NUMBER, BOOL, DURATION, TIME, DATE, LIST, ANY }

    public static final Type STRING = new Type(Base.STRING, null);
    public static final Type NUMBER = new Type(Base.NUMBER, null);
    public static final Type BOOL = new Type(Base.BOOL, null);
    public static final Type DURATION = new Type(Base.DURATION, null);
    public static final Type TIME = new Type(Base.TIME, null);
    public static final Type DATE = new Type(Base.DATE, null);
    public static final Type ANY = new Type(Base.ANY, null);

    public static Type listOf(Type element) {
        return new Type(Base.LIST, element);
    }

    public boolean isList() {
        return base == Base.LIST;
    }

    public boolean isAny() {
        return base == Base.ANY;
    }

    /** Whether values of the two types can be compared: equal, or one of them open. */
    public boolean compatible(Type other) {
        if (isAny() || other.isAny()) {
            return true;
        }
        if (isList() && other.isList()) {
            return element.compatible(other.element);
        }
        return base == other.base;
    }

    /** "a string", "a list of strings": how messages name the type. */
    public String describe() {
        return switch (base) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOL -> "a boolean";
            case DURATION -> "a duration";
            case TIME -> "a time of day";
            case DATE -> "a date";
            case ANY -> "a value";
            case LIST -> element.isAny() ? "a list" : "a list of " + element.plural();
        };
    }

    private String plural() {
        return switch (base) {
            case STRING -> "strings";
            case NUMBER -> "numbers";
            case BOOL -> "booleans";
            case DURATION -> "durations";
            case TIME -> "times of day";
            case DATE -> "dates";
            case ANY -> "values";
            case LIST -> "lists";
        };
    }
}

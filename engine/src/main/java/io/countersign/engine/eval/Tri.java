package io.countersign.engine.eval;

/**
 * Kleene's three-valued logic on ints, so compiled rules can use it without boxing:
 * {@link #TRUE}, {@link #FALSE} and {@link #UNKNOWN} (a value the request lacks, or of the wrong type).
 */
public final class Tri {

    public static final int TRUE = 1;
    public static final int FALSE = 0;
    public static final int UNKNOWN = -1;

    private Tri() {
    }

    public static int of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public static int and(int a, int b) {
        if (a == FALSE || b == FALSE) {
            return FALSE;
        }
        return a == TRUE && b == TRUE ? TRUE : UNKNOWN;
    }

    public static int or(int a, int b) {
        if (a == TRUE || b == TRUE) {
            return TRUE;
        }
        return a == FALSE && b == FALSE ? FALSE : UNKNOWN;
    }

    public static int not(int a) {
        return a == UNKNOWN ? UNKNOWN : 1 - a;
    }

    public static String name(int t) {
        return t == TRUE ? "true" : t == FALSE ? "false" : "unknown";
    }
}

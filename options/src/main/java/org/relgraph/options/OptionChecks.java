package org.relgraph.options;

import org.relgraph.schema.SchemaException;

/**
 * Refuses numeric options outside the range where they mean something (a negative count, zero epochs) with one
 * line naming the option, before any data is loaded: picocli only checks that a number is a number.
 */
public final class OptionChecks {
    private OptionChecks() {
    }

    /** An on|off option: null when not given (the default), else whether it is on; anything else is refused. */
    public static Boolean onOff(String option, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new SchemaException(option + " must be on or off, got '" + value + "'",
                    "e.g. " + option + " on");
        };
    }

    /** {@code value} must be at least {@code min}; {@code hint} says what the option does. */
    public static void atLeast(String option, long value, long min, String hint) {
        if (value < min) {
            throw new SchemaException(option + " must be " + (min == 0 ? "0 or more" : min == 1 ? "at least 1"
                    : "at least " + min) + ", got " + value, hint);
        }
    }

    /** As {@link #atLeast(String, long, long, String)} for an optional value: null means the default. */
    public static void atLeast(String option, Integer value, long min, String hint) {
        if (value != null) {
            atLeast(option, value.longValue(), min, hint);
        }
    }

    /** {@code value}, when given, must be above 0 (and a number). */
    public static void positive(String option, Double value, String hint) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new SchemaException(option + " must be above 0, got " + value, hint);
        }
    }

    /** {@code value}, when given, must be a fraction: at least 0 and below 1. */
    public static void fraction(String option, Double value, String hint) {
        if (value != null && !(value >= 0 && value < 1)) {
            throw new SchemaException(option + " must be at least 0 and below 1, got " + value, hint);
        }
    }
}

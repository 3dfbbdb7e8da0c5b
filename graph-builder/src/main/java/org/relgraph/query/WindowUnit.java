package org.relgraph.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/** The unit of a time window. Months are calendar months in UTC, so they vary in length. */
public enum WindowUnit {
    HOURS, DAYS, MONTHS;

    private static final long HOUR_MS = 3_600_000L;

    /** {@code epochMs} moved by {@code amount} units; month arithmetic clamps to the last day of the month. */
    public long plus(long epochMs, long amount) {
        return switch (this) {
            case HOURS -> Math.addExact(epochMs, Math.multiplyExact(amount, HOUR_MS));
            case DAYS -> Math.addExact(epochMs, Math.multiplyExact(amount, 24 * HOUR_MS));
            case MONTHS -> Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC).plusMonths(amount)
                    .toInstant().toEpochMilli();
        };
    }

    /** Accepts the plural and the singular, in any case: {@code months}, {@code MONTH}. */
    public static Optional<WindowUnit> parse(String word) {
        String w = word.toUpperCase(Locale.ROOT);
        for (WindowUnit u : values()) {
            if (u.name().equals(w) || u.name().equals(w + "S")) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    public String render() {
        return name().toLowerCase(Locale.ROOT);
    }
}

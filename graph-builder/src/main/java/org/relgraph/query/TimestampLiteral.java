package org.relgraph.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/** Reads the dates users write in queries ('2024-03-01', '2024-03-01T12:00', '2024-03-01T12:00:00Z') as UTC. */
public final class TimestampLiteral {
    private TimestampLiteral() {
    }

    /** Epoch milliseconds, or empty when the text is not a date this class understands. */
    public static OptionalLong parse(String text) {
        String s = text.trim();
        try {
            if (s.length() == 10) {
                return OptionalLong.of(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
            }
            if (s.endsWith("Z") || s.endsWith("z")) {
                return OptionalLong.of(Instant.parse(s.toUpperCase(java.util.Locale.ROOT)).toEpochMilli());
            }
            if (s.length() > 19 && (s.charAt(s.length() - 6) == '+' || s.charAt(s.length() - 6) == '-')) {
                return OptionalLong.of(OffsetDateTime.parse(s).toInstant().toEpochMilli());
            }
            return OptionalLong.of(LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli());
        } catch (DateTimeParseException | ArithmeticException notADate) {
            return OptionalLong.empty();
        }
    }
}

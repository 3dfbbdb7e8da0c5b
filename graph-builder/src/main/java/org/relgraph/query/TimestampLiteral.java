package org.relgraph.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import org.relgraph.schema.SchemaException;

/** Reads the dates users write in queries ('2024-03-01', '2024-03-01T12:00', '2024-03-01T12:00:00Z') as UTC. */
public final class TimestampLiteral {
    private TimestampLiteral() {
    }

    /**
     * A date option's value ({@code --val-time}, {@code --input-cutoff}, ...) as epoch ms UTC, empty when the option
     * was not given.
     *
     * @throws SchemaException naming the option, when the value is not a date
     */
    public static OptionalLong parseOption(String option, String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        OptionalLong t = parse(value);
        if (t.isEmpty()) {
            throw new SchemaException(option + ": cannot read '" + value + "' as a date",
                    "use 2024-01-31 or 2024-01-31T12:00:00Z (UTC)");
        }
        return t;
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

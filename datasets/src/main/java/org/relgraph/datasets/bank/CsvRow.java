package org.relgraph.datasets.bank;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;

/**
 * Builds one CSV line at a time without {@code String.format}: at 100M transactions, formatting is most of the
 * generator's cost. Text fields are written as given, so callers pass only values without commas, quotes or
 * newlines (all generated vocabularies satisfy that). An empty field is null.
 */
final class CsvRow {
    private static final long SECONDS_PER_DAY = 86_400;
    private final StringBuilder line = new StringBuilder(128);
    private boolean first = true;

    private CsvRow separator() {
        if (!first) {
            line.append(',');
        }
        first = false;
        return this;
    }

    CsvRow id(long value) {
        separator();
        line.append(value);
        return this;
    }

    CsvRow integer(long value) {
        return id(value);
    }

    CsvRow text(String value) {
        separator();
        line.append(value);
        return this;
    }

    CsvRow empty() {
        separator();
        return this;
    }

    /** {@code value} rounded half-up to {@code decimals} places, always with that many digits; NaN is null. */
    CsvRow fixed(double value, int decimals) {
        separator();
        if (Double.isNaN(value)) {
            return this;
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            line.append('-');
        }
        line.append(scaled / scale);
        if (decimals > 0) {
            line.append('.');
            String frac = Long.toString(scaled % scale);
            for (int i = frac.length(); i < decimals; i++) {
                line.append('0');
            }
            line.append(frac);
        }
        return this;
    }

    CsvRow date(long epochDay) {
        separator();
        appendDate(epochDay);
        return this;
    }

    /** {@code yyyy-MM-dd HH:mm:ss} in UTC. */
    CsvRow timestamp(long epochSecond) {
        separator();
        long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = (int) (epochSecond - day * SECONDS_PER_DAY);
        appendDate(day);
        line.append(' ');
        twoDigits(secondOfDay / 3600).append(':');
        twoDigits(secondOfDay / 60 % 60).append(':');
        twoDigits(secondOfDay % 60);
        return this;
    }

    private void appendDate(long epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        line.append(d.getYear()).append('-');
        twoDigits(d.getMonthValue()).append('-');
        twoDigits(d.getDayOfMonth());
    }

    private StringBuilder twoDigits(int v) {
        if (v < 10) {
            line.append('0');
        }
        return line.append(v);
    }

    /** Writes the line with its newline and starts a new one. */
    void writeTo(Writer out) throws IOException {
        line.append('\n');
        out.append(line);
        line.setLength(0);
        first = true;
    }

    /** The line so far, for tests. */
    @Override
    public String toString() {
        return line.toString();
    }
}

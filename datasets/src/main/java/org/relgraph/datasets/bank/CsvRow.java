package org.relgraph.datasets.bank;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Builds one CSV line at a time as ASCII bytes: at 100M transactions, formatting is most of the generator's
 * cost, so this avoids {@code String.format}, intermediate strings and charset encoding. Text fields are written
 * as given, so callers pass only ASCII values without commas, quotes or newlines (all generated vocabularies
 * satisfy that). An empty field is null.
 */
final class CsvRow {
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private byte[] line = new byte[256];
    private int length;
    private boolean first = true;
    /** yyyy-MM-dd of the last formatted day: rows of one customer-month share dates, so one entry pays off. */
    private long cachedDay = Long.MIN_VALUE;
    private final byte[] cachedDate = new byte[10];

    private void ensure(int extra) {
        if (length + extra > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + extra));
        }
    }

    private void separator() {
        ensure(32);
        if (!first) {
            line[length++] = ',';
        }
        first = false;
    }

    CsvRow id(long value) {
        separator();
        appendLong(value);
        return this;
    }

    CsvRow integer(long value) {
        return id(value);
    }

    CsvRow text(String value) {
        separator();
        ensure(value.length());
        for (int i = 0; i < value.length(); i++) {
            line[length++] = (byte) value.charAt(i);
        }
        return this;
    }

    CsvRow empty() {
        separator();
        return this;
    }

    /** {@code value} rounded half-up to {@code decimals} (at most 6) places, always with that many; NaN is null. */
    CsvRow fixed(double value, int decimals) {
        separator();
        if (Double.isNaN(value)) {
            return this;
        }
        long scale = POWERS_OF_TEN[decimals];
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            line[length++] = '-';
        }
        appendLong(scaled / scale);
        if (decimals > 0) {
            line[length++] = '.';
            long frac = scaled % scale;
            for (int d = decimals - 1; d >= 0; d--) {
                line[length + d] = (byte) ('0' + frac % 10);
                frac /= 10;
            }
            length += decimals;
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
        line[length++] = ' ';
        twoDigits(secondOfDay / 3600);
        line[length++] = ':';
        twoDigits(secondOfDay / 60 % 60);
        line[length++] = ':';
        twoDigits(secondOfDay % 60);
        return this;
    }

    private void appendDate(long epochDay) {
        if (epochDay != cachedDay) {
            LocalDate d = LocalDate.ofEpochDay(epochDay);
            int year = d.getYear();
            if (year < 1000 || year > 9999) {
                throw new IllegalArgumentException("year out of range: " + d);
            }
            for (int i = 3; i >= 0; i--) {
                cachedDate[i] = (byte) ('0' + year % 10);
                year /= 10;
            }
            cachedDate[4] = '-';
            cachedDate[5] = (byte) ('0' + d.getMonthValue() / 10);
            cachedDate[6] = (byte) ('0' + d.getMonthValue() % 10);
            cachedDate[7] = '-';
            cachedDate[8] = (byte) ('0' + d.getDayOfMonth() / 10);
            cachedDate[9] = (byte) ('0' + d.getDayOfMonth() % 10);
            cachedDay = epochDay;
        }
        System.arraycopy(cachedDate, 0, line, length, 10);
        length += 10;
    }

    private void twoDigits(int v) {
        line[length++] = (byte) ('0' + v / 10);
        line[length++] = (byte) ('0' + v % 10);
    }

    private void appendLong(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                throw new IllegalArgumentException("cannot format Long.MIN_VALUE");
            }
            line[length++] = '-';
            v = -v;
        }
        if (v <= Integer.MAX_VALUE) {
            appendInt((int) v);
            return;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        for (int i = length + digits - 1; i >= length; i--) {
            line[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length += digits;
    }

    /** Ids, cents and counts nearly always fit an int, whose division is much cheaper than a long's. */
    private void appendInt(int v) {
        int digits = v < 10 ? 1 : v < 100 ? 2 : v < 1_000 ? 3 : v < 10_000 ? 4 : v < 100_000 ? 5
                : v < 1_000_000 ? 6 : v < 10_000_000 ? 7 : v < 100_000_000 ? 8 : v < 1_000_000_000 ? 9 : 10;
        for (int i = length + digits - 1; i >= length; i--) {
            int q = v / 10;
            line[i] = (byte) ('0' + (v - q * 10));
            v = q;
        }
        length += digits;
    }

    /** Writes the line with its newline and starts a new one. */
    void writeTo(OutputStream out) throws IOException {
        ensure(1);
        line[length++] = '\n';
        out.write(line, 0, length);
        length = 0;
        first = true;
    }
}

package org.relgraph.datasets.bank;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param customers number of customers; every other table scales with it (about 100 transactions each)
 * @param seed      the whole output is a function of (seed, the other fields): same config, same bytes
 * @param months    length of the simulated history, month by month from {@code startDate}
 * @param startDate first day of the history (UTC); pre-existing customers and holdings are dated before it
 * @param format    CSV or Parquet
 * @param gzip      compress CSV files ({@code .csv.gz}); ignored for Parquet
 */
public record BankConfig(int customers, long seed, int months, LocalDate startDate, OutputFormat format,
                         boolean gzip) {
    public static final int DEFAULT_MONTHS = 36;
    public static final LocalDate DEFAULT_START = LocalDate.of(2022, 1, 1);

    public BankConfig {
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1, got " + customers);
        }
        // Three months of history feed trend_3mo and the 60-day windows; six more are the mortgage horizon.
        if (months < 12 || months > 600) {
            throw new IllegalArgumentException("months must be in [12, 600], got " + months);
        }
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(format, "format");
    }

    /** 36 months from 2022-01-01, uncompressed CSV. */
    public static BankConfig of(int customers, long seed) {
        return new BankConfig(customers, seed, DEFAULT_MONTHS, DEFAULT_START, OutputFormat.CSV, false);
    }

    public BankConfig withMonths(int m) {
        return new BankConfig(customers, seed, m, startDate, format, gzip);
    }

    public BankConfig withStartDate(LocalDate d) {
        return new BankConfig(customers, seed, months, d, format, gzip);
    }

    public BankConfig withFormat(OutputFormat f) {
        return new BankConfig(customers, seed, months, startDate, f, gzip);
    }

    public BankConfig withGzip(boolean g) {
        return new BankConfig(customers, seed, months, startDate, format, g);
    }

    /** The day after the last simulated day. */
    public LocalDate endDate() {
        return startDate.plusMonths(months);
    }
}

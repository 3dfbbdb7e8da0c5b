package org.relgraph.datasets.bank;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Streams the six tables into CSV files of one folder, numbering child rows 1, 2, 3... in arrival order.
 * Memory is one buffer per file regardless of how many rows pass through.
 */
final class CsvBankWriter implements BankRowSink, Closeable {
    private static final int BUFFER_BYTES = 1 << 20;

    private final Map<BankTable, OutputStream> files = new EnumMap<>(BankTable.class);
    private final long[] rowCounts = new long[BankTable.values().length];
    private final CsvRow row = new CsvRow();

    CsvBankWriter(Path folder, boolean gzip) throws IOException {
        try {
            for (BankTable t : BankTable.values()) {
                OutputStream out = open(folder.resolve(t.fileName(OutputFormat.CSV, gzip)), gzip);
                files.put(t, out);
                out.write((t.header() + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static OutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        if (gzip) {
            // Java's gzip header has a zero mtime, so compressed output stays byte-identical across runs.
            out = new FastGzipOutputStream(new BufferedOutputStream(out, BUFFER_BYTES));
        }
        // Rows arrive a few dozen bytes at a time: buffer in front of the compressor too.
        return new BufferedOutputStream(out, BUFFER_BYTES);
    }

    /**
     * Deflate level 1: the default level 6 made compression 80 % of the run (5× slower than plain CSV) for files
     * only about a fifth smaller than level 1's; generated data is cheap to regenerate, time is not.
     */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, BUFFER_BYTES);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** Rows written so far per table (headers excluded). */
    Map<BankTable, Long> rowCounts() {
        Map<BankTable, Long> counts = new EnumMap<>(BankTable.class);
        for (BankTable t : BankTable.values()) {
            counts.put(t, rowCounts[t.ordinal()]);
        }
        return counts;
    }

    private long nextId(BankTable table) {
        return ++rowCounts[table.ordinal()];
    }

    private void emit(BankTable table) throws IOException {
        row.writeTo(files.get(table));
    }

    @Override
    public void catalogEntry(Product p) throws IOException {
        nextId(BankTable.PRODUCT_CATALOG);
        row.id(p.id()).text(p.label()).text(p.category()).text(p.eligibilitySegment());
        emit(BankTable.PRODUCT_CATALOG);
    }

    @Override
    public void customer(long customerId, String name, int age, Segment segment, LifeStage lifeStage,
                         int productsHeld, double tenureYears, long createdEpochDay) throws IOException {
        nextId(BankTable.CUSTOMERS);
        row.id(customerId).text(name);
        if (age < 0) {
            row.empty();
        } else {
            row.integer(age);
        }
        row.text(segment.label()).text(lifeStage.label()).integer(productsHeld).fixed(tenureYears, 1)
                .date(createdEpochDay);
        emit(BankTable.CUSTOMERS);
    }

    @Override
    public void transaction(long customerId, MerchantCategory category, double amount, int frequency30d,
                            long epochSecond) throws IOException {
        row.id(nextId(BankTable.TRANSACTIONS)).id(customerId).text(category.label()).fixed(amount, 2)
                .integer(frequency30d).timestamp(epochSecond);
        emit(BankTable.TRANSACTIONS);
    }

    @Override
    public void balance(long customerId, AccountType accountType, double balance, double trend3mo,
                        long snapshotEpochDay) throws IOException {
        row.id(nextId(BankTable.ACCOUNT_BALANCES)).id(customerId).text(accountType.label()).fixed(balance, 2)
                .fixed(trend3mo, 4).date(snapshotEpochDay);
        emit(BankTable.ACCOUNT_BALANCES);
    }

    @Override
    public void holding(long customerId, Product product, HoldingStatus status, long openEpochDay)
            throws IOException {
        row.id(nextId(BankTable.PRODUCT_HOLDINGS)).id(customerId).id(product.id()).text(product.label())
                .text(status.label()).date(openEpochDay);
        emit(BankTable.PRODUCT_HOLDINGS);
    }

    @Override
    public void interaction(long customerId, Channel channel, Product offer, Outcome outcome, long epochSecond)
            throws IOException {
        row.id(nextId(BankTable.INTERACTION_HISTORY)).id(customerId).text(channel.label()).text(offer.label())
                .text(outcome.label()).timestamp(epochSecond);
        emit(BankTable.INTERACTION_HISTORY);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (OutputStream w : files.values()) {
            try {
                w.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        files.clear();
        if (first != null) {
            throw first;
        }
    }
}

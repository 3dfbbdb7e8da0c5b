package org.relgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.graph.LoadedBytes;
import org.relgraph.schema.Schema;
import org.relgraph.table.Database;

/**
 * The estimate against the arrays a load really makes, on data where the estimate's assumptions hold (integer ids,
 * every key with a parent, distinct 16-character texts): links and graph match to the byte, the columns up to the
 * null masks, which the estimate charges in full.
 */
class MemoryEstimateTest {
    @TempDir
    Path dir;

    private static final int CUSTOMERS = 3_000;
    private static final int ACCOUNTS = 7_000;
    private static final int PAYMENTS = 40_000;

    private void writeData() throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve("customers.csv"))) {
            w.write("customer_id,segment,age,joined,note\n");
            for (int i = 0; i < CUSTOMERS; i++) {
                // ages missing for one customer in ten: a null mask with bits set
                w.write(i + "," + (i % 3 == 0 ? "mass" : "affluent") + "," + (i % 10 == 0 ? "" : 20 + i % 60)
                        + ",2022-01-" + String.format("%02d", 1 + i % 28) + "," + String.format("customer %7d", i)
                        + "\n");
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("products.csv"))) {
            w.write("product_id,name\n1,card\n2,loan\n");
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("accounts.csv"))) {
            w.write("account_id,customer_id,product_id,opened\n");
            for (int i = 0; i < ACCOUNTS; i++) {
                w.write((1000 + i) + "," + (i * 7 % CUSTOMERS) + "," + (1 + i % 2) + ",2023-02-"
                        + String.format("%02d", 1 + i % 28) + "\n");
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("payments.csv"))) {
            w.write("payment_id,account_id,amount\n");
            for (int i = 0; i < PAYMENTS; i++) {
                w.write(i + "," + (1000 + i * 13 % ACCOUNTS) + "," + (i % 500) / 4.0 + "\n");
            }
        }
        Files.writeString(dir.resolve("schema.yaml"), """
                tables:
                  - name: customers
                    primary_key: customer_id
                    time_column: joined
                    columns: {customer_id: id, segment: categorical, age: numerical, joined: timestamp, note: text}
                  - name: products
                    primary_key: product_id
                    static: true
                    columns: {product_id: id, name: categorical}
                  - name: accounts
                    primary_key: account_id
                    time_column: opened
                    columns: {account_id: id, customer_id: id, product_id: id, opened: timestamp}
                    foreign_keys:
                      - {column: customer_id, references: customers}
                      - {column: product_id, references: products}
                  - name: payments
                    primary_key: payment_id
                    time_from: account_id
                    columns: {payment_id: id, account_id: id, amount: numerical}
                    foreign_keys:
                      - {column: account_id, references: accounts}
                """);
    }

    @Test
    void theEstimateFromRowCountsMatchesTheLoadedArrays() throws IOException {
        writeData();
        FolderSource source = new FolderSource(dir, null);
        Schema declared = source.schema();
        Database db = source.load().database();
        LoadedBytes measured = LoadedBytes.of(db, HeteroGraph.build(db));

        MemoryEstimate estimate = MemoryEstimate.of(declared, RowCounts.of(db));

        assertEquals(measured.linkBytes(), estimate.linkBytes(), "an int per key value");
        assertEquals(measured.graphBytes(), estimate.graphBytes(), "offsets, targets and times of both directions");
        // the estimate charges a bit per row for every numeric column's nulls; only age has any
        long maskSlack = (long) ((CUSTOMERS * 3 + 2 + ACCOUNTS * 4 + PAYMENTS * 3) / 8.0);
        assertTrue(estimate.columnBytes() >= measured.columnBytes()
                        && estimate.columnBytes() <= measured.columnBytes() + maskSlack,
                "columns: estimated " + estimate.columnBytes() + ", measured " + measured.columnBytes());
        assertEquals(CUSTOMERS + 2 + ACCOUNTS + PAYMENTS, estimate.rows());
        assertEquals(2L * ACCOUNTS + PAYMENTS, estimate.foreignKeys());
        assertTrue(estimate.peakBytes() > estimate.retainedBytes(), "indexes and time orders come on top");
    }

    @Test
    void leftOutTablesAndTheirKeysCostNothing() throws IOException {
        writeData();
        FolderSource source = new FolderSource(dir, null);
        RowCounts counts = source.estimateRows();
        MemoryEstimate all = MemoryEstimate.of(source.schema(), counts);
        MemoryEstimate withoutPayments = MemoryEstimate.of(source.schema().without(java.util.List.of("payments")),
                counts);
        // payments: three 8-byte columns and the inherited time, each with its mask bit; a link; a timed key's
        // reverse edges (target, time; offsets per account); its forward edges share the link and the time column
        double perPayment = 4 * (8 + 1 / 8.0) + 4 + (4 + 8);
        long removed = all.retainedBytes() - withoutPayments.retainedBytes();
        assertEquals(perPayment * PAYMENTS + 4 * (ACCOUNTS + 1), removed, 1.0);
        assertEquals(PAYMENTS, counts.rows("payments"), "a CSV shorter than the sample is counted line by line");
    }
}

package org.relgraph.benchmarks.graph;

import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * Seeded synthetic bank databases for benchmarks. Row times are shuffled (not appended in time order) so
 * graph building pays for its time sort, and activity is skewed so some customers and merchants have far
 * more rows than the median, as in real banks.
 */
public final class SyntheticBank {
    /** 2024-01-01T00:00:00Z. */
    public static final long START = 1_704_067_200_000L;
    public static final long YEAR_MS = 365L * 24 * 3600 * 1000;

    private SyntheticBank() {
    }

    /** {@code customers(id, since)} and {@code transactions(id, customer_id -> customers, ts)}. */
    public static Database customersAndTransactions(int customers, int transactions, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Table customerTable = table("customers", "since", List.of(),
                ids(customers), times(rnd, customers, START - YEAR_MS, START));
        Table txTable = table("transactions", "ts", List.of(new ForeignKey("transactions", "customer_id", "customers")),
                ids(transactions), times(rnd, transactions, START, START + YEAR_MS), skewedKeys(rnd, transactions,
                        customers));
        return new Database(new Schema(List.of(customerTable.schema(), txTable.schema())),
                List.of(customerTable, txTable));
    }

    /**
     * Static {@code customers} and {@code merchants}; {@code accounts(customer_id, opened)};
     * {@code transactions(account_id, merchant_id, ts)}. Transactions happen after the account opened.
     */
    public static Database accountsAndMerchants(int customers, int accounts, int merchants, int transactions,
                                                long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Table customerTable = table("customers", null, List.of(), ids(customers));
        Table merchantTable = table("merchants", null, List.of(), ids(merchants));
        long[] opened = times(rnd, accounts, START - YEAR_MS, START);
        Table accountTable = table("accounts", "opened",
                List.of(new ForeignKey("accounts", "customer_id", "customers")),
                ids(accounts), opened, skewedKeys(rnd, accounts, customers));
        long[] accountOf = skewedKeys(rnd, transactions, accounts);
        long[] ts = new long[transactions];
        for (int i = 0; i < transactions; i++) {
            ts[i] = opened[(int) accountOf[i]] + rnd.nextLong(2 * YEAR_MS);
        }
        Table txTable = table("transactions", "ts", List.of(
                        new ForeignKey("transactions", "account_id", "accounts"),
                        new ForeignKey("transactions", "merchant_id", "merchants")),
                ids(transactions), ts, accountOf, skewedKeys(rnd, transactions, merchants));
        List<Table> tables = List.of(customerTable, merchantTable, accountTable, txTable);
        return new Database(new Schema(tables.stream().map(Table::schema).toList()), tables);
    }

    /**
     * Builds a table whose first column is the primary key "id", then the time column if {@code timeColumn}
     * is not null, then one column per foreign key, in order.
     */
    private static Table table(String name, String timeColumn, List<ForeignKey> fks, long[]... values) {
        List<ColumnSchema> schemas = new java.util.ArrayList<>();
        List<Column> columns = new java.util.ArrayList<>();
        int v = 0;
        schemas.add(new ColumnSchema("id", SemanticType.ID));
        columns.add(new LongColumn("id", SemanticType.ID, values[v++], new BitSet()));
        if (timeColumn != null) {
            schemas.add(new ColumnSchema(timeColumn, SemanticType.TIMESTAMP));
            columns.add(new LongColumn(timeColumn, SemanticType.TIMESTAMP, values[v++], new BitSet()));
        }
        for (ForeignKey fk : fks) {
            schemas.add(new ColumnSchema(fk.column(), SemanticType.ID));
            columns.add(new LongColumn(fk.column(), SemanticType.ID, values[v++], new BitSet()));
        }
        return new Table(new TableSchema(name, schemas, "id", timeColumn, fks), columns);
    }

    private static long[] ids(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return ids;
    }

    private static long[] times(SplittableRandom rnd, int n, long from, long to) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = rnd.nextLong(from, to);
        }
        return t;
    }

    /** Parent keys where parent i is drawn with weight ~ 1/sqrt(i+1): a long tail of very active parents. */
    private static long[] skewedKeys(SplittableRandom rnd, int n, int parents) {
        long[] k = new long[n];
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble();
            k[i] = Math.min(parents - 1, (long) (u * u * parents));
        }
        return k;
    }
}

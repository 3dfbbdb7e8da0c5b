package org.relgraph.gnn.testdata;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.CategoricalColumnBuilder;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * A tiny seeded shop: {@code customers(customer_id, age, segment, created_at)} and
 * {@code transactions(txn_id, customer_id, category, amount, ts)} over one year. Half the customers favour
 * category 'A' (half of their purchases), the rest rarely buy it (5%). The query asks whether a customer buys 'A'
 * in the next 30 days: the answer shows only in the customer's past transactions, since customer columns are
 * noise, so a model without message passing is at chance. Each customer also has a spending level, so the average
 * future amount is predictable from past amounts (a regression target with the same property).
 */
public final class ShopData {
    /** 2024-01-01T00:00:00Z. */
    public static final long START = 1_704_067_200_000L;
    public static final long DAY = 86_400_000L;
    public static final String QUERY =
            "PREDICT BOOL(TRANSACTIONS.CATEGORY = 'A', 0, 30, days) FOR EACH CUSTOMERS.CUSTOMER_ID";

    private ShopData() {
    }

    public static Database database(int customers, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] ids = new long[customers];
        double[] age = new double[customers];
        long[] created = new long[customers];
        CategoricalColumnBuilder segment = new CategoricalColumnBuilder("segment", SemanticType.CATEGORICAL, customers);
        boolean[] likesA = new boolean[customers];
        double[] spend = new double[customers];
        for (int c = 0; c < customers; c++) {
            ids[c] = c;
            age[c] = 20 + rnd.nextInt(50);
            created[c] = START - rnd.nextLong(365 * DAY);
            segment.add(rnd.nextBoolean() ? "retail" : "business");
            likesA[c] = rnd.nextBoolean();
            spend[c] = 10 + 100 * rnd.nextDouble();
        }
        List<Long> txCustomer = new ArrayList<>();
        List<Long> txTime = new ArrayList<>();
        List<String> txCategory = new ArrayList<>();
        List<Double> txAmount = new ArrayList<>();
        String[] others = {"B", "C", "D"};
        for (int c = 0; c < customers; c++) {
            int count = 24 + rnd.nextInt(36); // 2 to 5 a month
            for (int i = 0; i < count; i++) {
                txCustomer.add((long) c);
                txTime.add(START + rnd.nextLong(365 * DAY));
                boolean a = rnd.nextDouble() < (likesA[c] ? 0.5 : 0.05);
                txCategory.add(a ? "A" : others[rnd.nextInt(others.length)]);
                txAmount.add(spend[c] * (0.8 + 0.4 * rnd.nextDouble()));
            }
        }
        int n = txCustomer.size();
        long[] txIds = new long[n];
        CategoricalColumnBuilder category = new CategoricalColumnBuilder("category", SemanticType.CATEGORICAL, n);
        for (int i = 0; i < n; i++) {
            txIds[i] = i;
            category.add(txCategory.get(i));
        }
        Table customerTable = table("customers", "customer_id", "created_at", List.of(),
                longs("customer_id", SemanticType.ID, ids),
                new DoubleColumn("age", SemanticType.NUMERICAL, age, new BitSet()), segment.build(),
                longs("created_at", SemanticType.TIMESTAMP, created));
        Table txTable = table("transactions", "txn_id", "ts",
                List.of(new ForeignKey("transactions", "customer_id", "customers")),
                longs("txn_id", SemanticType.ID, txIds),
                longs("customer_id", SemanticType.ID, txCustomer.stream().mapToLong(Long::longValue).toArray()),
                category.build(),
                new DoubleColumn("amount", SemanticType.NUMERICAL,
                        txAmount.stream().mapToDouble(Double::doubleValue).toArray(), new BitSet()),
                longs("ts", SemanticType.TIMESTAMP, txTime.stream().mapToLong(Long::longValue).toArray()));
        return new Database(new Schema(List.of(customerTable.schema(), txTable.schema())),
                List.of(customerTable, txTable));
    }

    /** Train anchors monthly from month 2 to month 9, validation at month 10, test at month 11. */
    public static TrainingSplits splits(Database db) {
        return splits(db, query(db));
    }

    /** Splits of another query over the same anchors. */
    public static TrainingSplits splits(Database db, PredictiveQuery query) {
        TrainingTableBuilder builder = new TrainingTableBuilder(db, query);
        List<Long> train = new ArrayList<>();
        for (int m = 2; m <= 9; m++) {
            train.add(START + m * 30 * DAY);
        }
        return new TrainingSplits(builder.build("train", train), builder.build("val", List.of(START + 300 * DAY)),
                builder.build("test", List.of(START + 330 * DAY)));
    }

    public static PredictiveQuery query(Database db) {
        return PredictiveQuery.parse(QUERY, db.schema());
    }

    private static Table table(String name, String pk, String time, List<ForeignKey> fks, Column... columns) {
        List<ColumnSchema> schema = java.util.Arrays.stream(columns).map(c -> new ColumnSchema(c.name(), c.type()))
                .toList();
        return new Table(new TableSchema(name, schema, pk, time, fks), List.of(columns));
    }

    private static LongColumn longs(String name, SemanticType type, long[] values) {
        return new LongColumn(name, type, values, new BitSet());
    }
}

package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.relgraph.schema.SemanticType;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * Label-building throughput on a synthetic bank: 5M product holdings (unsorted times over two years) of 200k
 * customers. Too slow for every build, so it runs only with {@code -Drelgraph.bench=true}:
 * {@code mvn -q -B -o -pl graph-builder test -Dtest=LabelThroughputBench -Drelgraph.bench=true}.
 */
@EnabledIfSystemProperty(named = "relgraph.bench", matches = "true")
class LabelThroughputBench {
    private static final int CUSTOMERS = 200_000;
    private static final int HOLDINGS = 5_000_000;
    private static final long START = TestTables.day("2023-01-01");
    private static final long SPAN = 730L * 24 * 3_600_000;

    @Test
    void labelsAtLeastFiveMillionChildRowsPerSecond() {
        Database db = syntheticBank();
        String[] queries = {
            "PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) FOR EACH CUSTOMERS.CUSTOMER_ID",
            "PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 6, months) FOR EACH CUSTOMERS.CUSTOMER_ID "
                    + "WHERE PRODUCT_HOLDINGS.PRODUCT != 'Mortgage'",
            "PREDICT SUM(PRODUCT_HOLDINGS.BALANCE WHERE PRODUCT_HOLDINGS.PRODUCT IN ('Savings', 'Pension'), 0, 6, "
                    + "months) FOR EACH CUSTOMERS.CUSTOMER_ID",
            "PREDICT COUNT_DISTINCT(PRODUCT_HOLDINGS.PRODUCT, 0, 6, months) FOR EACH CUSTOMERS.CUSTOMER_ID",
            "PREDICT LAST(PRODUCT_HOLDINGS.PRODUCT, 0, 6, months) FOR EACH CUSTOMERS.CUSTOMER_ID",
        };
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String text : queries) {
            PredictiveQuery q = PredictiveQuery.parse(text, db.schema());
            long c0 = cpu.getCurrentThreadCpuTime();
            TrainingTableBuilder builder = new TrainingTableBuilder(db, q);
            long c1 = cpu.getCurrentThreadCpuTime();
            SplitPlan plan = new SplitPlanner(db, q.window()).plan();
            builder.build(plan); // warm-up: lets the JIT compile the labelling loops
            double best = 0;
            TrainingSplits splits = null;
            long bestCpu = 0;
            for (int run = 0; run < 3; run++) {
                long v0 = builder.rowsVisited();
                long c2 = cpu.getCurrentThreadCpuTime();
                splits = builder.build(plan);
                long c3 = cpu.getCurrentThreadCpuTime();
                double rate = (builder.rowsVisited() - v0) / ((c3 - c2) / 1e9);
                if (rate > best) {
                    best = rate;
                    bestCpu = c3 - c2;
                }
            }
            long windowRows = builder.rowsVisited() / 4 / 1;
            System.out.printf("%s%n  setup (time sort + filter) %.0f ms CPU; %d anchors, %d window rows in %.0f ms "
                            + "CPU = %.1fM child rows/s%n  %s%n",
                    text, (c1 - c0) / 1e6, plan.trainAnchors().size() + 2, windowRows, bestCpu / 1e6, best / 1e6,
                    splits.toString().replace("\n", "\n  "));
            assertTrue(best >= 5e6, "labels at " + best + " child rows/s");
        }
    }

    private static Database syntheticBank() {
        Random random = new Random(7);
        long[] customerIds = new long[CUSTOMERS];
        long[] joined = new long[CUSTOMERS];
        int[] segment = new int[CUSTOMERS];
        for (int c = 0; c < CUSTOMERS; c++) {
            customerIds[c] = c + 1;
            joined[c] = START + (long) (random.nextDouble() * SPAN / 2);
            segment[c] = random.nextInt(3);
        }
        Table customers = new Table(BankSchema.customers(), List.<Column>of(
                new LongColumn("CUSTOMER_ID", SemanticType.ID, customerIds, new BitSet()),
                new CategoricalColumn("SEGMENT", SemanticType.CATEGORICAL, segment,
                        List.of("Mass", "Mass Affluent", "Premier")),
                new DoubleColumn("AGE", SemanticType.NUMERICAL, new double[CUSTOMERS], new BitSet()),
                new DoubleColumn("IS_ACTIVE", SemanticType.BOOLEAN, new double[CUSTOMERS],
                        new BitSet()),
                new CategoricalColumn("NOTES", SemanticType.TEXT, new int[CUSTOMERS], List.of("")),
                new LongColumn("JOINED_AT", SemanticType.TIMESTAMP, joined, new BitSet())));
        long[] holdingIds = new long[HOLDINGS];
        long[] owner = new long[HOLDINGS];
        int[] product = new int[HOLDINGS];
        double[] balance = new double[HOLDINGS];
        long[] opened = new long[HOLDINGS];
        for (int h = 0; h < HOLDINGS; h++) {
            holdingIds[h] = h + 1;
            owner[h] = 1 + random.nextInt(CUSTOMERS);
            product[h] = random.nextInt(5);
            balance[h] = random.nextInt(100_000);
            opened[h] = START + (long) (random.nextDouble() * SPAN);
        }
        Table holdings = new Table(BankSchema.productHoldings(), List.<Column>of(
                new LongColumn("HOLDING_ID", SemanticType.ID, holdingIds, new BitSet()),
                new LongColumn("CUSTOMER_ID", SemanticType.ID, owner, new BitSet()),
                new CategoricalColumn("PRODUCT", SemanticType.CATEGORICAL, product,
                        List.of("Mortgage", "Savings", "Current", "Pension", "Card")),
                new DoubleColumn("BALANCE", SemanticType.NUMERICAL, balance, new BitSet()),
                new LongColumn("OPENED_AT", SemanticType.TIMESTAMP, opened, new BitSet())));
        return new Database(BankSchema.schema(), List.of(customers, holdings,
                TestTables.of(BankSchema.interactionHistory()), TestTables.of(BankSchema.offers()),
                TestTables.of(BankSchema.branches()), TestTables.of(BankSchema.transfers())));
    }
}

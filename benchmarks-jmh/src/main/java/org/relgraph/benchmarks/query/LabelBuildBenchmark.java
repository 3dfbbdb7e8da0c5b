package org.relgraph.benchmarks.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.io.OutputFolder;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * Builds the training tables (train, val and test) of predictive queries over a generated bank of 50,000
 * customers (about 5M transactions), one thread. Scores, per second: {@code childRows}, target-table rows read in
 * label windows (the "child rows/s"), and {@code examples}, (entity, anchor) rows written.
 * <ul>
 *   <li>{@code mortgage}: the propensity seed query, 6 anchors 6 months apart. Holdings are few, so its cost is
 *       mostly choosing the eligible customers per anchor; {@code examples} is its meaningful rate.</li>
 *   <li>{@code transactionCount}: COUNT over TRANSACTIONS in 30-day windows, 37 anchors that together cover the
 *       whole simulated history, so every transaction is labelled once.</li>
 *   <li>{@code transactionCountFromScratch}: the same including the builder's one-off setup (sorting the 5M
 *       transactions by time), i.e. what a single {@code relgraph query} run pays.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class LabelBuildBenchmark {
    static final int CUSTOMERS = 50_000;
    static final String MORTGAGE = BankQueries.MORTGAGE;
    static final String TRANSACTION_COUNT = "PREDICT COUNT(TRANSACTIONS.*, 0, 30, days) "
            + "FOR EACH CUSTOMERS.CUSTOMER_ID";

    private Path folder;
    private Database db;
    private Query mortgage;
    private Query transactionCount;

    /** A parsed query with its plan and a builder whose one-off setup is already paid. */
    private record Query(PredictiveQuery query, SplitPlan plan, TrainingTableBuilder builder) {
        static Query of(Database db, String text, int trainAnchors) {
            PredictiveQuery q = PredictiveQuery.parse(text, db.schema());
            SplitPlan plan = new SplitPlanner(db, q.window()).maxTrainAnchors(trainAnchors).plan();
            return new Query(q, plan, new TrainingTableBuilder(db, q));
        }
    }

    /** Rates JMH reports next to the primary score (which counts whole builds). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        public long childRows;
        public long examples;

        @Setup(Level.Iteration)
        public void reset() {
            childRows = 0;
            examples = 0;
        }

        void add(TrainingSplits splits, long rowsRead) {
            childRows += rowsRead;
            examples += (long) splits.train().size() + splits.val().size() + splits.test().size();
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        folder = Files.createTempDirectory("relgraph-labelbench-");
        long t0 = System.nanoTime();
        new BankGenerator(BankConfig.of(CUSTOMERS, 42)).generate(folder.resolve("bank"));
        long t1 = System.nanoTime();
        db = DataSources.open(folder.resolve("bank").toString()).load().database();
        long t2 = System.nanoTime();
        mortgage = Query.of(db, MORTGAGE, 4);
        long t3 = System.nanoTime();
        transactionCount = Query.of(db, TRANSACTION_COUNT, 35);
        long t4 = System.nanoTime();
        System.out.printf("%n[labels] %d customers, %d transactions, %d holdings: generated in %.1f s, loaded in "
                        + "%.1f s; builder setup %.0f ms (mortgage), %.0f ms (transaction count)%n", CUSTOMERS,
                db.table("transactions").rowCount(), db.table("product_holdings").rowCount(), (t1 - t0) / 1e9,
                (t2 - t1) / 1e9, (t3 - t2) / 1e6, (t4 - t3) / 1e6);
        for (Query q : new Query[] {mortgage, transactionCount}) {
            System.out.printf("[labels] %s%n[labels]   %s%n[labels]   %s%n", q.query(), q.plan(),
                    q.builder().build(q.plan()).toString().replace("\n", "\n[labels]   "));
        }
    }

    @TearDown(Level.Trial)
    public void deleteFolder() throws IOException {
        OutputFolder.deleteRecursively(folder);
    }

    @Benchmark
    public TrainingSplits mortgage(Counts counts) {
        return build(mortgage, counts);
    }

    @Benchmark
    public TrainingSplits transactionCount(Counts counts) {
        return build(transactionCount, counts);
    }

    @Benchmark
    public TrainingSplits transactionCountFromScratch(Counts counts) {
        TrainingTableBuilder builder = new TrainingTableBuilder(db, transactionCount.query());
        TrainingSplits splits = builder.build(transactionCount.plan());
        counts.add(splits, builder.rowsVisited());
        return splits;
    }

    private static TrainingSplits build(Query q, Counts counts) {
        long before = q.builder().rowsVisited();
        TrainingSplits splits = q.builder().build(q.plan());
        counts.add(splits, q.builder().rowsVisited() - before);
        return splits;
    }
}

package org.relgraph.benchmarks.explain;

import org.relgraph.benchmarks.ProcessReadings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.io.OutputFolder;
import org.relgraph.models.explain.EntityExplanation;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.predict.RankedScores;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * One explanation as {@code relgraph explain} computes it: {@link GnnPredictor#explain} of one customer with
 * {@code steps} path-integral steps (50, the default), including the scoring pass it starts with, grouped into
 * 5 reasons. The model is the demo's mortgage GNN (hidden 64, default fanouts) trained for one epoch on a
 * generated bank of {@code customers} customers (seed 42), set up once per fork in well under a minute; each
 * invocation explains the next of the 16 best-scored customers, so subgraph sizes vary as they do in practice.
 * Score: explanations/s. {@link ExplanationProbe} measures the same end to end on a bundle, with completeness.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ExplanationBenchmark {
    static final String MORTGAGE = BankQueries.MORTGAGE;
    private static final int ENTITIES = 16;

    @Param({"1000"})
    int customers;

    @Param({"50"})
    int steps;

    private Path dir;
    private GnnPredictor predictor;
    private int[] rows;
    private long asOf;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        long t0 = System.nanoTime();
        dir = Files.createTempDirectory("relgraph-explain-bench");
        new BankGenerator(BankConfig.of(customers, 42)).generate(dir, (done, total) -> { });
        Database db = DataSources.open(dir.toString()).load().database();
        PredictiveQuery q = PredictiveQuery.parse(MORTGAGE, db.schema());
        SplitPlan plan = new SplitPlanner(db, q.window()).trainAnchorCount(2).plan();
        TrainingSplits splits = new TrainingTableBuilder(db, q).build(plan);
        predictor = GnnPredictor.train(db, q, splits, GnnConfig.defaults().withEpochs(1).withSeed(42),
                TrainingListener.NONE);
        asOf = splits.test().anchors().get(0);
        int[] population = new TrainingTableBuilder(db, q).population(asOf);
        int[] order = RankedScores.order(predictor.score(population, asOf), true);
        rows = new int[Math.min(ENTITIES, order.length)];
        Arrays.setAll(rows, i -> population[order[i]]);
        // What one explanation costs is only meaningful if it is a faithful one: say how complete they are.
        double[] deltas = predictor.explain(rows, asOf, 5, steps, d -> { }).stream()
                .mapToDouble(EntityExplanation::relativeCompletenessDelta).sorted().toArray();
        System.out.printf("%nsetup %.1f s: %d customers, %d explained; completeness delta median %.3f %%, max %.3f %%;"
                        + " load %s%n", (System.nanoTime() - t0) / 1e9, customers, rows.length,
                100 * deltas[deltas.length / 2], 100 * deltas[deltas.length - 1], ProcessReadings.loadAverage());
    }

    @Benchmark
    public EntityExplanation explainOne() {
        int row = rows[next];
        next = (next + 1) % rows.length;
        return predictor.explain(new int[] {row}, asOf, 5, steps, d -> { }).get(0);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        System.out.printf("%nload after %s%n", ProcessReadings.loadAverage());
        predictor.close();
        OutputFolder.deleteRecursively(dir);
    }
}

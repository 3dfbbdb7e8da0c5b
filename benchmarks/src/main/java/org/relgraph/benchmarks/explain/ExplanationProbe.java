package org.relgraph.benchmarks.explain;

import org.relgraph.benchmarks.ProcessReadings;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.relgraph.models.explain.EntityExplanation;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.predict.RankedScores;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

/**
 * Measures explanation speed on a trained model: the latency of one explanation (50 steps, the default), and
 * explanations/s over the top-N scored entities, as {@code relgraph predict --explain} runs them. Prints wall time
 * and process CPU time (all threads, ND4J's included), the machine load, and the completeness delta at 20, 50 and
 * 100 steps on the 30 best-scored. Not a test: the timings depend on the machine and on what else runs on it.
 *
 * <p>Usage: {@code ExplanationProbe <model dir> <data folder> [entities, default 200] [as-of epoch ms]}.
 */
public final class ExplanationProbe {
    private static final int WARM_UP = 5;
    private static final int SINGLES = 30;

    private ExplanationProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Database db = DataSources.open(args[1]).load().database();
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        long asOf = args.length > 3 ? Long.parseLong(args[3]) : latest(db);
        try (GnnPredictor predictor = GnnPredictor.load(model, db)) {
            int[] population = new TrainingTableBuilder(db, predictor.query()).population(asOf);
            double[] scores = predictor.score(population, asOf);
            int[] order = RankedScores.order(scores, true);
            int[] top = new int[Math.min(n, order.length)];
            Arrays.setAll(top, i -> population[order[i]]);
            System.out.printf("load %s; %d entities, model %s%n", ProcessReadings.loadAverage(), top.length, model);

            int[] sample = Arrays.copyOf(top, Math.min(SINGLES, top.length));
            for (int steps : new int[] {20, 50, 100}) {
                double[] d = predictor.explain(sample, asOf, 5, steps, x -> { }).stream()
                        .mapToDouble(EntityExplanation::relativeCompletenessDelta).sorted().toArray();
                System.out.printf("%d steps: completeness delta median %.3f %%, p90 %.3f %%, max %.3f %%, "
                                + "%d of %d within 1 %%%n", steps, 100 * d[d.length / 2], 100 * d[d.length * 9 / 10],
                        100 * d[d.length - 1], Arrays.stream(d).filter(x -> x <= 0.01).count(), d.length);
            }
            predictor.explain(Arrays.copyOf(top, WARM_UP), asOf, 5, d -> { });
            double[] wall = new double[SINGLES];
            for (int i = 0; i < SINGLES; i++) {
                long t0 = System.nanoTime();
                predictor.explain(new int[] {top[i % top.length]}, asOf, 5, d -> { });
                wall[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(wall);
            System.out.printf("one explanation (incl. scoring it): median %.0f ms, p90 %.0f ms, max %.0f ms%n",
                    wall[SINGLES / 2], wall[SINGLES * 9 / 10], wall[SINGLES - 1]);

            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            List<EntityExplanation> all = predictor.explain(top, asOf, 5, d -> { });
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            double[] deltas = all.stream().mapToDouble(EntityExplanation::relativeCompletenessDelta).sorted()
                    .toArray();
            long within = Arrays.stream(deltas).filter(d -> d <= 0.01).count();
            System.out.printf("batch of %d: %.1f s wall, %.1f explanations/s; %.0f ms CPU per explanation; "
                            + "completeness delta median %.3f %%, %d of %d within 1 %%; load %s%n", top.length,
                    seconds, top.length / seconds, 1000 * cpu / top.length, 100 * deltas[deltas.length / 2], within,
                    deltas.length, ProcessReadings.loadAverage());
        }
    }

    private static long latest(Database db) {
        long max = Long.MIN_VALUE;
        for (Table t : db.tables()) {
            if (t.timeColumn().isPresent()) {
                long[] v = t.timeColumn().get().values();
                for (int i = 0; i < v.length; i++) {
                    if (!t.timeColumn().get().isNull(i)) {
                        max = Math.max(max, v[i]);
                    }
                }
            }
        }
        return max;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

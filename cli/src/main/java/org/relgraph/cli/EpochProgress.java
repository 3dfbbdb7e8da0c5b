package org.relgraph.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.gnn.train.TrainingProgress;
import org.relgraph.schema.SchemaException;

/**
 * How train and tune show a training run: one progress bar per epoch, one per pass that scores a split (validation,
 * the final test evaluation), a summary line when the epoch's validation is done. Tune labels each with where the
 * search is (trial, rung, best so far).
 */
final class EpochProgress implements TrainingListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean scoringBars;
    private final String label;
    private final Integer interruptAfterEpoch;
    private final java.util.Map<String, ScoringProgressBar> scoringBarsBySplit = new java.util.HashMap<>();
    private ProgressBar bar;
    private int epoch;

    /**
     * @param err                 where the bars and the epoch summaries go: the command's error stream, so a caller
     *                            that redirects it (a test, an embedding program) gets all of them
     * @param scoringBars         draw a bar for each pass that scores a split (tune, which runs many short
     *                            trainings, shows only the epochs)
     * @param label               put before each bar and summary line (e.g. {@code trial 3/13 · rung 1/3 · }), or
     *                            empty
     * @param interruptAfterEpoch stop like a crash once this epoch ends (train's hidden test option), or null
     */
    EpochProgress(PrintWriter out, PrintWriter err, boolean scoringBars, String label, Integer interruptAfterEpoch) {
        this.out = out;
        this.err = err;
        this.scoringBars = scoringBars;
        this.label = label;
        this.interruptAfterEpoch = interruptAfterEpoch;
    }

    @Override
    public void onScoring(String split, int done, int total) {
        if (bar != null) { // the epoch's batches are done: validation follows them
            bar.close();
            bar = null;
        }
        if (scoringBars) {
            scoringBarsBySplit.computeIfAbsent(split, s -> new ScoringProgressBar(label + "scoring " + s, "examples", err))
                    .scored(done, total);
        }
    }

    @Override
    public void onBatchEnd(TrainingProgress p) {
        if (epoch == 0 && p.epoch() > 1) {
            out.printf(Locale.ROOT, "Epochs 1-%d restored from the checkpoint; training from epoch %d%n",
                    p.epoch() - 1, p.epoch());
            out.flush();
        }
        if (bar == null || p.epoch() != epoch) {
            epoch = p.epoch();
            bar = new ProgressBar(String.format(Locale.ROOT, "%sepoch %d/%d", label, p.epoch(), p.epochs()),
                    p.batches(), "batches", err);
        }
        bar.setSuffix(String.format(Locale.ROOT, "loss %.4f  %.0f seeds/s", p.loss(), p.seedsPerSecond()));
        bar.update(p.batch(), p.batches());
    }

    @Override
    public void onEpochEnd(TrainingProgress p) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        err.printf(Locale.ROOT, "%sepoch %d: loss %.4f, val %s %.4f, %.0f seeds/s, eta %s%n", label,
                p.epoch(), p.loss(), p.metric(), p.valMetric(), p.seedsPerSecond(),
                ProgressBar.formatSeconds(p.eta().toMillis() / 1000.0));
        err.flush();
        if (interruptAfterEpoch != null && p.epoch() == interruptAfterEpoch) {
            throw new SchemaException("training interrupted after epoch " + p.epoch()
                    + " (--interrupt-after-epoch)", "continue it with the same command and --resume");
        }
    }
}

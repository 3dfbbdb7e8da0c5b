package org.relgraph.cli;

import java.io.PrintWriter;
import org.relgraph.models.api.ScoringProgress;

/**
 * Renders scoring passes with the CLI's {@link ProgressBar}: a bar opens at a pass's first report and closes when the
 * pass reaches its total, so successive passes (validation after every epoch) get a bar each. A pass of nothing
 * shows nothing.
 */
final class ScoringProgressBar implements ScoringProgress {
    private final String label;
    private final String unit;
    private final PrintWriter err;
    private ProgressBar bar;

    /** @param err where the bar is drawn: the command's error stream, stderr unless a caller redirected it */
    ScoringProgressBar(String label, String unit, PrintWriter err) {
        this.label = label;
        this.unit = unit;
        this.err = err;
    }

    @Override
    public void scored(int done, int total) {
        if (total <= 0) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBar(label, total, unit, err);
        }
        bar.update(done, total);
        if (done >= total) {
            bar.close();
            bar = null;
        }
    }
}

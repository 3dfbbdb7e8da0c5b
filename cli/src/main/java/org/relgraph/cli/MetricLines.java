package org.relgraph.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** Prints a model's metrics one per line, as train, baseline and evaluate report them. */
final class MetricLines {
    private MetricLines() {
    }

    /** {@code name value} lines in the map's order; NaN as {@code n/a}; the best epoch and audit flags left out. */
    static void print(Map<String, Double> metrics, PrintWriter pw) {
        metrics.forEach((k, v) -> {
            // The audit's findings print as their own block (AuditReport.lines), not as a metric each.
            if (!k.equals("best_epoch") && !k.startsWith("audit_")) {
                pw.printf(Locale.ROOT, "  %-28s %s%n", k, Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT,
                        "%.4f", v));
            }
        });
    }
}

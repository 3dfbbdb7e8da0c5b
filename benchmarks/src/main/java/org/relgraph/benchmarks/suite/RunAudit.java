package org.relgraph.benchmarks.suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relgraph.models.audit.AuditReport;

/**
 * The leakage audit's findings for one model on one task ({@code bench --leakage-audit}): what {@code train} and
 * {@code baseline} print after fitting, kept for the report.
 *
 * @param status     {@code ok}, or why the audit could not run (the model's own numbers are kept either way)
 * @param metric     the validation metric read ({@code auroc}, {@code r2}, {@code accuracy}, {@code map@3})
 * @param valMetric  its value with every input
 * @param warnings   one sentence per flag (a timeless table the model leans on, a metric too good to be true)
 * @param notes      one sentence per entity column carrying much of the signal (a possible snapshot column)
 * @param valWithout per masked table, and per masked entity column as {@code column <name>}: the metric without it
 * @param seconds    what the audit cost, saving the model to a temporary folder and cleaning up included
 */
public record RunAudit(String status, String metric, double valMetric, List<String> warnings, List<String> notes,
                       Map<String, Double> valWithout, double seconds) {
    public RunAudit {
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
        valWithout = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(valWithout));
    }

    static RunAudit of(AuditReport report, double seconds) {
        Map<String, Double> without = new LinkedHashMap<>();
        report.tables().forEach(t -> without.put(t.table(), t.metricWithout()));
        report.columns().forEach(c -> without.put("column " + c.column(), c.metricWithout()));
        return new RunAudit("ok", report.metric(), report.baseline(), report.warnings(), report.notes(), without,
                seconds);
    }

    static RunAudit failed(String why, double seconds) {
        return new RunAudit("failed: " + why, "", Double.NaN, List.of(), List.of(), Map.of(), seconds);
    }

    boolean ok() {
        return status.equals("ok");
    }

    /** The report's short mark: {@code ok}, {@code 2 flags}, {@code ok, 1 note}, or {@code failed}. */
    String mark() {
        if (!ok()) {
            return "failed";
        }
        String flags = warnings.isEmpty() ? "ok" : count(warnings.size(), "flag");
        return notes.isEmpty() ? flags : flags + ", " + count(notes.size(), "note");
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}

package org.relgraph.models.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the {@link LeakageAudit} found: the validation metric as trained, and per masked table the metric without it.
 *
 * @param metric the validation metric read ({@code auroc}, {@code r2}, {@code accuracy}, {@code map@3})
 * @param baseline its value with every table
 * @param tables one entry per masked table, in the order audited
 * @param columns one entry per masked column of the entity table
 * @param suspectlyHigh the baseline itself is too good to be true (AUROC above 0.97, R² above 0.95)
 * @param seconds what the audit cost
 * @param examples the validation rows the audit scored (0 when not recorded)
 * @param validationRows the validation rows there were; more than {@code examples} when the audit sampled, so its
 *                       baseline can differ from the val metric {@code train} prints on the whole split
 */
public record AuditReport(String metric, double baseline, List<TableMask> tables, List<ColumnMask> columns,
        boolean suspectlyHigh, double seconds, int examples, int validationRows) {
    /** One table's masking: the metric without its rows and how far it fell. */
    public record TableMask(String table, boolean timeless, double metricWithout, double drop, boolean flagged) {
    }

    /**
     * One column of the entity table masked (all values null): a column that carries most of the signal may be a
     * snapshot, its value as of the export rather than as of each prediction time ({@code noted}).
     */
    public record ColumnMask(String column, double metricWithout, double drop, boolean noted) {
    }

    public AuditReport {
        tables = List.copyOf(tables);
        columns = List.copyOf(columns);
    }

    /** A report whose example counts are not (yet) known. */
    public AuditReport(String metric, double baseline, List<TableMask> tables, List<ColumnMask> columns,
                       boolean suspectlyHigh, double seconds) {
        this(metric, baseline, tables, columns, suspectlyHigh, seconds, 0, 0);
    }

    /** This report, recording that it scored {@code examples} of {@code validationRows} validation rows. */
    public AuditReport scoredOn(int examples, int validationRows) {
        return new AuditReport(metric, baseline, tables, columns, suspectlyHigh, seconds, examples, validationRows);
    }

    /** The audit scored a sample rather than the whole validation split. */
    public boolean sampled() {
        return examples > 0 && examples < validationRows;
    }

    public boolean hasFlags() {
        return suspectlyHigh || tables.stream().anyMatch(TableMask::flagged);
    }

    /**
     * The findings as bundle metrics: {@code audit_flags} (how many), {@code audit_suspect_metric} (1 when the metric
     * is too good to be true), and per table {@code audit_val_<metric>_without_<table>} and, when flagged,
     * {@code audit_flag_<table>} = 1.
     */
    public Map<String, Double> asMetrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("audit_flags", (double) warnings().size());
        m.put("audit_suspect_metric", suspectlyHigh ? 1.0 : 0.0);
        for (TableMask t : tables) {
            m.put("audit_val_" + metric + "_without_" + t.table().toLowerCase(Locale.ROOT), t.metricWithout());
            if (t.flagged()) {
                m.put("audit_flag_" + t.table().toLowerCase(Locale.ROOT), 1.0);
            }
        }
        for (ColumnMask c : columns) {
            m.put("audit_val_" + metric + "_without_column_" + c.column().toLowerCase(Locale.ROOT), c.metricWithout());
        }
        m.put("audit_seconds", seconds);
        return m;
    }

    /** One plain sentence per flag, for the warning block. */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        if (suspectlyHigh) {
            w.add(String.format(Locale.ROOT, "val %s %.4f is too good to be true for most real data: check that no "
                    + "input is recorded after the time it describes (timeless tables, snapshot columns)", metric,
                    baseline));
        }
        for (TableMask t : tables) {
            if (t.flagged()) {
                w.add(String.format(Locale.ROOT, "table %s has no time column and the model leans on it: val %s "
                        + "%.4f -> %.4f without it. Its rows are shown at every prediction time, including rows "
                        + "created after it; if they can be, leave it out (--exclude-tables %s), give it a time "
                        + "column, or mark it static: true in schema.yaml if it truly never changes", t.table(),
                        metric, baseline, t.metricWithout(), t.table()));
            }
        }
        return w;
    }

    private static String change(double without, double drop) {
        return Double.isNaN(without) ? "n/a (the model could not score without it)"
                : String.format(Locale.ROOT, "%.4f (%+.4f)", without, -drop);
    }

    /**
     * The flags a bundle's metrics recorded at training ({@link #asMetrics}), as lines for {@code evaluate}; empty
     * when the audit found nothing or did not run.
     */
    public static List<String> recordedFlags(Map<String, Double> metrics) {
        List<String> out = new ArrayList<>();
        if (metrics.getOrDefault("audit_suspect_metric", 0.0) > 0) {
            out.add("WARNING (leakage audit at training): the validation metric was too good to be true for most "
                    + "real data");
        }
        String prefix = "audit_flag_";
        for (var e : metrics.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getValue() > 0) {
                String table = e.getKey().substring(prefix.length());
                String without = metrics.keySet().stream().filter(k -> k.startsWith("audit_val_")
                        && k.endsWith("_without_" + table)).findFirst().map(k -> String.format(Locale.ROOT,
                        " (%s %.4f without it)", k.substring("audit_".length(), k.indexOf("_without_")),
                        metrics.get(k))).orElse("");
                out.add("WARNING (leakage audit at training): table " + table + " has no time column and the model "
                        + "leans on it" + without + "; leave it out with --exclude-tables " + table
                        + " or give it a time column");
            }
        }
        return out;
    }

    /** The block {@code train} and {@code baseline} print: each table's drop, then the flags. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        String scope = sampled() ? String.format(Locale.ROOT, " on a sample of %,d of %,d validation rows",
                examples, validationRows) : "";
        out.add(String.format(Locale.ROOT, "Leakage audit (val %s %.4f%s; each table masked in turn, %.1f s):", metric,
                baseline, scope, seconds));
        for (TableMask t : tables) {
            out.add(String.format(Locale.ROOT, "  without %-24s %s%s", t.table(), change(t.metricWithout(), t.drop()),
                    t.timeless() ? "  timeless" : ""));
        }
        for (ColumnMask c : columns) {
            out.add(String.format(Locale.ROOT, "  without column %-17s %s", c.column(),
                    change(c.metricWithout(), c.drop())));
        }
        for (String w : warnings()) {
            out.add("WARNING: " + w);
        }
        for (String n : notes()) {
            out.add("note: " + n);
        }
        return out;
    }

    /**
     * One sentence per entity column that carries much of the signal: a possible snapshot column. Notes, not flags:
     * an honest strong column looks the same.
     */
    public List<String> notes() {
        List<String> out = new ArrayList<>();
        for (ColumnMask c : columns) {
            if (c.noted()) {
                out.add(String.format(Locale.ROOT, "column %s carries much of the signal (val %s %.4f -> %.4f "
                        + "without it). If its value is as of the export rather than as of each prediction time (a "
                        + "balance, a status, a running count), it leaks the future: see docs/data-sources.md, "
                        + "\"Snapshot columns\"", c.column(),
                        metric, baseline, c.metricWithout()));
            }
        }
        return out;
    }
}

package org.relgraph.benchmarks.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relgraph.io.OutputFolder;
import org.relgraph.io.ReplacePolicy;

/**
 * Writes a run as {@code results.json} (every number), {@code README.md} (tables ready to paste into a README)
 * and PNG charts ({@code gains-<task>.png}, {@code metric-<task>.png}), all published atomically as one folder.
 */
public final class BenchReport {
    static final String JSON_FILE = "results.json";
    static final String MARKDOWN_FILE = "README.md";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double[] FRACTIONS = {0.2, 0.3};

    private BenchReport() {
    }

    /** Publishes the report folder at {@code out}, replacing an existing folder only as {@code replace} allows. */
    public static void write(Path out, BenchResults results, ReplacePolicy replace) throws IOException {
        OutputFolder.write(out, "bench report", replace, dir -> {
            Files.writeString(dir.resolve(JSON_FILE), JSON.writeValueAsString(json(results)));
            Files.writeString(dir.resolve(MARKDOWN_FILE), markdown(results));
            for (BenchTask task : results.tasks()) {
                List<ModelRun> runs = runs(results, task);
                if (runs.stream().anyMatch(r -> r.ok() && !r.gains().isEmpty())) {
                    BenchCharts.gains(dir.resolve("gains-" + task.id() + ".png"), task, runs);
                }
                if (!runs.isEmpty()) {
                    BenchCharts.metricBars(dir.resolve("metric-" + task.id() + ".png"), task, runs,
                            results.oracle().get(task.id()));
                }
            }
        });
    }

    private static List<ModelRun> runs(BenchResults results, BenchTask task) {
        return results.runs().stream().filter(r -> r.task().equals(task.id())).toList();
    }

    private static ObjectNode json(BenchResults r) {
        ObjectNode root = JSON.createObjectNode();
        root.set("settings", JSON.valueToTree(r.settings()));
        root.set("machine", JSON.valueToTree(r.machine()));
        root.put("seconds", r.seconds());
        ArrayNode tasks = root.putArray("tasks");
        for (BenchTask t : r.tasks()) {
            ObjectNode n = tasks.addObject();
            n.put("id", t.id()).put("title", t.title()).put("dataset", t.dataset()).put("query", t.query())
                    .put("dropped_tables", String.join(",", t.dropTables()))
                    .put("metric", t.metric()).put("lower_is_better", t.lowerIsBetter())
                    .put("splits", r.notes().get(t.id()));
            n.set("published", JSON.valueToTree(t.published()));
            if (r.oracle().containsKey(t.id())) {
                n.put("oracle_auroc", r.oracle().get(t.id()));
            }
        }
        root.set("runs", JSON.valueToTree(r.runs()));
        return root;
    }

    static String markdown(BenchResults r) {
        StringBuilder b = new StringBuilder();
        MachineInfo m = r.machine();
        b.append("# relgraph benchmark: suite ").append(r.settings().name()).append(", seed ")
                .append(r.settings().seed()).append("\n\n");
        b.append(String.format(Locale.ROOT, "Run %s on %d cores (load average %.1f at start), Java %s, max heap %d "
                + "MB; %.0f s in all. Bank: %,d customers, %d train anchors; GNN: %d epochs, hidden %d.%n%n",
                m.startedAt(), m.cores(), m.loadAverageAtStart(), m.java(), m.maxHeapMb(), r.seconds(),
                r.settings().bankCustomers(), r.settings().bankTrainAnchors(), r.settings().gnnEpochs(),
                r.settings().gnnHidden()));
        boolean audited = r.settings().leakageAudit();
        if (audited) {
            b.append(auditCost(r)).append("\n\n");
        }
        b.append("## Test results (headline metric)\n\n| task | metric |");
        // The default models always have a column; a combining model only when this run fitted it.
        List<String> columns = java.util.stream.Stream.concat(SuiteSettings.ALL_MODELS.stream(),
                SuiteSettings.COMBINED_MODELS.stream().filter(kind -> r.runs().stream()
                        .anyMatch(x -> x.model().equals(kind)))).toList();
        for (String model : columns) {
            b.append(' ').append(model).append(" |");
        }
        b.append(" published | oracle |\n|---|---|");
        b.append("---:|".repeat(columns.size() + 2)).append('\n');
        for (BenchTask t : r.tasks()) {
            List<ModelRun> runs = runs(r, t);
            b.append("| ").append(t.id()).append(" | ").append(t.metric()).append(t.lowerIsBetter() ? " ↓" : "")
                    .append(" |");
            for (String model : columns) {
                ModelRun run = runs.stream().filter(x -> x.model().equals(model)).findFirst().orElse(null);
                b.append(' ').append(run == null ? "" : run.ok() ? num(run.test().get(t.metric())) + flagMark(run)
                        : run.status().startsWith("n/a") ? "n/a" : "—").append(" |");
            }
            b.append(' ').append(published(t)).append(" | ")
                    .append(r.oracle().containsKey(t.id()) ? num(r.oracle().get(t.id())) : "").append(" |\n");
        }
        b.append("\n— = not supported yet or failed (see the task's section); n/a = the model does not apply.");
        b.append(audited ? " ⚠ = the leakage audit flagged the run (see the task's section).\n" : "\n");
        for (BenchTask t : r.tasks()) {
            b.append("\n## ").append(t.id()).append(": ").append(t.title()).append("\n\n`").append(t.query())
                    .append("`\n\n");
            if (!t.dropTables().isEmpty()) {
                b.append("Tables left out (they leak the label, or --exclude-tables named them): ").append(String.join(", ", t.dropTables()))
                        .append("\n\n");
            }
            String note = r.notes().get(t.id());
            if (note != null) {
                b.append("Splits: ").append(note.replace(";", "; ")).append("\n\n");
            }
            List<ModelRun> runs = runs(r, t);
            if (runs.isEmpty()) {
                continue;
            }
            b.append("| model | val ").append(t.metric()).append(" | test ").append(t.metric())
                    .append(" | fit s | infer ms / 1k | peak heap MB | process RSS MB | status |")
                    .append(audited ? " leakage audit |" : "").append('\n')
                    .append("|---|---:|---:|---:|---:|---:|---:|---|").append(audited ? "---|" : "").append('\n');
            for (ModelRun run : runs) {
                b.append("| ").append(run.model()).append(" | ").append(num(run.val().get(t.metric())))
                        .append(" | ").append(num(run.test().get(t.metric()))).append(" | ")
                        .append(num1(run.trainSeconds())).append(" | ").append(num1(run.inferMsPer1000()))
                        .append(" | ").append(num0(run.peakHeapMb())).append(" | ").append(num0(run.rssMb()))
                        .append(" | ").append(run.status()).append(" |");
                if (audited) {
                    b.append(' ').append(run.audit() != null ? run.audit().mark() : "not run").append(" |");
                }
                b.append('\n');
            }
            if (audited) {
                auditSection(b, t, runs);
            }
            if (runs.stream().anyMatch(x -> x.ok() && x.test().containsKey("conversion_rate@20%"))) {
                b.append("\nBusiness view (test): conversion when contacting the top share by score vs random, and "
                        + "offers saved at equal conversions.\n\n| model |");
                for (double f : FRACTIONS) {
                    int p = (int) Math.round(f * 100);
                    b.append(" conversion top ").append(p).append("% | random | offers saved @").append(p)
                            .append("% |");
                }
                b.append("\n|---|").append("---:|".repeat(3 * FRACTIONS.length)).append('\n');
                for (ModelRun run : runs) {
                    if (!run.ok()) {
                        continue;
                    }
                    b.append("| ").append(run.model()).append(" |");
                    for (double f : FRACTIONS) {
                        int p = (int) Math.round(f * 100);
                        b.append(' ').append(pct(run.test().get("conversion_rate@" + p + "%"))).append(" | ")
                                .append(pct(run.test().get("random_conversion_rate@" + p + "%"))).append(" | ")
                                .append(pct(run.test().get("offers_saved@" + p + "%"))).append(" |");
                    }
                    b.append('\n');
                }
                b.append("\n![gains](gains-").append(t.id()).append(".png)\n");
            }
            b.append("\n![").append(t.metric()).append("](metric-").append(t.id()).append(".png)\n");
        }
        b.append("\nPublished: RelBench (Robinson et al., 2024) test numbers for its GNN and LightGBM baselines; "
                + "rel-f1 AUROC shown as a fraction. Oracle: the bank generator's Bayes-optimal AUROC at the test "
                + "anchor (datasets `MortgageOracle`). Peak heap is sampled every 20 ms while fitting; process RSS "
                + "is the process's peak so far, so it includes earlier models.\n");
        return b.toString();
    }

    /** Markdown's "⚠" after a headline number whose run the leakage audit flagged. */
    private static String flagMark(ModelRun run) {
        return run.audit() != null && !run.audit().warnings().isEmpty() ? " ⚠" : "";
    }

    /** What the audit found and cost over the whole run, against the time spent fitting. */
    private static String auditCost(BenchResults r) {
        List<RunAudit> audits = r.runs().stream().map(ModelRun::audit).filter(a -> a != null).toList();
        double auditSeconds = audits.stream().mapToDouble(RunAudit::seconds).sum();
        double fitSeconds = r.runs().stream().filter(x -> x.audit() != null).mapToDouble(ModelRun::trainSeconds)
                .sum();
        long flagged = audits.stream().filter(a -> !a.warnings().isEmpty()).count();
        return String.format(Locale.ROOT, "Leakage audit (--leakage-audit): %d of %d audited runs flagged; the "
                + "audit took %.1f s in all, against %.1f s fitting those models (%.0f%%).", flagged, audits.size(),
                auditSeconds, fitSeconds, fitSeconds > 0 ? 100 * auditSeconds / fitSeconds : 0.0);
    }

    /** Per model: the audit's mark, cost and validation metric, then its warning and note lines. */
    private static void auditSection(StringBuilder b, BenchTask t, List<ModelRun> runs) {
        b.append("\nLeakage audit: validation scored once per table within the model's reach and once per entity "
                + "column, each masked in turn; a flag is a table without a time column the model leans on (val "
                + "drop > ").append(num(org.relgraph.models.audit.LeakageAudit.DROP_THRESHOLD))
                .append(") or a val metric too good to be true.\n\n");
        for (ModelRun run : runs) {
            RunAudit a = run.audit();
            if (a == null) {
                continue;
            }
            if (!a.ok()) {
                b.append(String.format(Locale.ROOT, "- %s: audit %s (%.1f s)%n", run.model(), a.status(),
                        a.seconds()));
                continue;
            }
            b.append(String.format(Locale.ROOT, "- %s: %s, val %s %s, %.1f s (fit %.1f s)%n", run.model(),
                    a.warnings().isEmpty() ? "no flags" : a.mark(), a.metric(), num(a.valMetric()), a.seconds(),
                    run.trainSeconds()));
            a.warnings().forEach(w -> b.append("  - WARNING: ").append(w).append('\n'));
            a.notes().forEach(n -> b.append("  - note: ").append(n).append('\n'));
        }
    }

    private static String published(BenchTask t) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : t.published().entrySet()) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(e.getKey().replace("RelBench ", "")).append(' ').append(num(e.getValue()));
        }
        return b.toString();
    }

    private static String num(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String num1(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String num0(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String pct(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}

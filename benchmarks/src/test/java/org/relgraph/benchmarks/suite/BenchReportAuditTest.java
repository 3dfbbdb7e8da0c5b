package org.relgraph.benchmarks.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.audit.AuditReport;

/**
 * How the report shows the leakage audit's findings ({@code bench --leakage-audit}): a flagged run, a clean one and
 * one whose audit failed, on hand-made results so the flags' wording is checked without fitting a leaky model (the
 * audit's own flagging is LeakageAuditTest's job).
 */
class BenchReportAuditTest {
    @TempDir
    Path tmp;

    private static final BenchTask MORTGAGE = BenchTask.byId("bank-mortgage");

    /** A planted leak as the audit reports it: timeless table orders carries the signal, and val AUROC is 0.99. */
    private static AuditReport leaky() {
        return new AuditReport("auroc", 0.99, List.of(
                new AuditReport.TableMask("transactions", false, 0.97, 0.02, false),
                new AuditReport.TableMask("orders", true, 0.61, 0.38, true)),
                List.of(new AuditReport.ColumnMask("balance", 0.80, 0.19, true)), true, 1.5);
    }

    private static AuditReport clean() {
        return new AuditReport("auroc", 0.71, List.of(new AuditReport.TableMask("transactions", false, 0.66, 0.05,
                false)), List.of(), false, 0.5);
    }

    private static ModelRun run(String model, double testAuroc, RunAudit audit) {
        return new ModelRun(MORTGAGE.id(), model, "ok", Map.of("auroc", 0.9), Map.of("auroc", testAuroc), 4.0, 1.0,
                10, 100, List.of(), audit);
    }

    private static BenchResults results(boolean audited, List<ModelRun> runs) {
        SuiteSettings settings = SuiteSettings.named("tiny", 42).withTasks(List.of(MORTGAGE.id()))
                .withLeakageAudit(audited);
        return new BenchResults(settings, MachineInfo.now(), List.of(MORTGAGE), runs,
                Map.of(MORTGAGE.id(), "train: 2 anchors"), Map.of(), 20);
    }

    @Test
    void anAuditedRunShowsItsMarkWarningsAndCost() throws Exception {
        List<ModelRun> runs = List.of(run("rules", 0.981, RunAudit.of(leaky(), 2.0)),
                run("entity-gbdt", 0.702, RunAudit.of(clean(), 1.0)),
                run("flat-xgboost", 0.693, RunAudit.failed("no model bundle at /x", 0.5)),
                ModelRun.unavailable(MORTGAGE.id(), "cf", "n/a: cf ranks items; this task predicts one number"));
        String md = BenchReport.markdown(results(true, runs));

        assertTrue(md.contains("| bank-mortgage | auroc | 0.981 ⚠ | 0.702 | 0.693 | n/a |"), md);
        assertTrue(md.contains("⚠ = the leakage audit flagged the run"), md);
        assertTrue(md.contains("| status | leakage audit |\n|---|---:|---:|---:|---:|---:|---:|---|---|\n"), md);
        assertTrue(md.contains("| rules | 0.900 | 0.981 | 4.0 | 1.0 | 10 | 100 | ok | 2 flags, 1 note |"), md);
        assertTrue(md.contains("| entity-gbdt | 0.900 | 0.702 | 4.0 | 1.0 | 10 | 100 | ok | ok |"), md);
        assertTrue(md.contains("| flat-xgboost |") && md.contains("| ok | failed |"), md);
        assertTrue(md.contains("| cf |") && md.contains("this task predicts one number | not run |"), md);

        assertTrue(md.contains("- rules: 2 flags, 1 note, val auroc 0.990, 2.0 s (fit 4.0 s)\n"), md);
        assertTrue(md.contains("  - WARNING: val auroc 0.9900 is too good to be true"), md);
        assertTrue(md.contains("  - WARNING: table orders has no time column and the model leans on it: val auroc "
                + "0.9900 -> 0.6100 without it."), md);
        assertTrue(md.contains("  - note: column balance carries much of the signal"), md);
        assertTrue(md.contains("- entity-gbdt: no flags, val auroc 0.710, 1.0 s (fit 4.0 s)\n"), md);
        assertTrue(md.contains("- flat-xgboost: audit failed: no model bundle at /x (0.5 s)"), md);
        assertTrue(md.contains(String.format(Locale.ROOT, "Leakage audit (--leakage-audit): 1 of 3 audited runs "
                + "flagged; the audit took 3.5 s in all, against 12.0 s fitting those models (29%%).")), md);
    }

    @Test
    void resultsJsonCarriesTheAuditPerRunAndOmitsItWhenNotRun() throws Exception {
        Path out = tmp.resolve("report");
        BenchReport.write(out, results(true, List.of(run("rules", 0.981, RunAudit.of(leaky(), 2.0)))),
                ReplacePolicy.OWN_OUTPUT_ONLY);
        JsonNode json = new ObjectMapper().readTree(out.resolve(BenchReport.JSON_FILE).toFile());
        assertTrue(json.get("settings").get("leakageAudit").asBoolean());
        JsonNode audit = json.get("runs").get(0).get("audit");
        assertEquals("ok", audit.get("status").asText(), audit.toString());
        assertEquals(0.99, audit.get("valMetric").asDouble(), 1e-12);
        assertEquals(2, audit.get("warnings").size(), audit.toString());
        assertTrue(audit.get("warnings").get(1).asText().startsWith("table orders has no time column"),
                audit.toString());
        assertEquals(0.61, audit.get("valWithout").get("orders").asDouble(), 1e-12);
        assertEquals(0.80, audit.get("valWithout").get("column balance").asDouble(), 1e-12);
        assertEquals(2.0, audit.get("seconds").asDouble(), 1e-12);

        Path plain = tmp.resolve("plain");
        BenchReport.write(plain, results(false, List.of(run("rules", 0.981, null))), ReplacePolicy.OWN_OUTPUT_ONLY);
        JsonNode run = new ObjectMapper().readTree(plain.resolve(BenchReport.JSON_FILE).toFile()).get("runs").get(0);
        assertFalse(run.has("audit"), run.toString());
    }

    @Test
    void withoutTheAuditTheReportHasNoAuditColumnOrSection() {
        String md = BenchReport.markdown(results(false, List.of(run("rules", 0.981, null))));
        assertFalse(md.toLowerCase(Locale.ROOT).contains("leakage audit") || md.contains("⚠"), md);
        assertTrue(md.contains("| status |\n|---|---:|---:|---:|---:|---:|---:|---|\n")
                && md.contains("| rules | 0.900 | 0.981 | 4.0 | 1.0 | 10 | 100 | ok |\n"), md);
    }
}

package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny suite end to end: both bank tasks, three models, the report folder's files and their contents. */
class BenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aTinySuiteWritesTablesJsonAndChartsAtomically() throws Exception {
        Path out = tmp.resolve("bench");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("bench", "--suite", "tiny", "--models",
                "rules,cf,gnn", "--threads", "1", "--cache", tmp.resolve("cache").toString(), "--out",
                out.toString());
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("bank-mortgage × rules: val auroc") && r.out.contains("bank-nba × cf: val map@3"),
                "progress per model × task: " + r.out);

        String md = Files.readString(out.resolve("README.md"));
        assertTrue(md.contains("| bank-mortgage | auroc |") && md.contains("| bank-nba | map@3 |"), md);
        assertTrue(md.contains("conversion top 20%") && md.contains("offers saved @30%"), md);
        assertTrue(md.contains("not supported yet"), "the GNN's missing ranking support is reported: " + md);
        assertTrue(!md.contains("leakage audit") && !md.contains("Leakage audit"),
                "without --leakage-audit the report has no audit column or section: " + md);

        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(6, json.get("runs").size(), "2 tasks × 3 models");
        assertTrue(json.get("tasks").get(0).get("oracle_auroc").asDouble() > 0.7, "the bank oracle is recorded");
        JsonNode rules = json.get("runs").get(0);
        assertEquals("rules", rules.get("model").asText());
        double auroc = rules.get("test").get("auroc").asDouble();
        assertTrue(auroc > 0 && auroc < 1 && rules.get("trainSeconds").asDouble() > 0
                && rules.get("inferMsPer1000").asDouble() > 0, rules.toString());

        assertTrue(!rules.has("audit") && !r.out.contains("leakage audit"), "no audit without the flag: " + rules);

        byte[] png = Files.readAllBytes(out.resolve("gains-bank-mortgage.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertTrue(Files.isRegularFile(out.resolve("metric-bank-nba.png")));
        try (var siblings = Files.list(tmp)) {
            assertEquals(List.of("bench", "cache"), siblings.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary report folders left behind");
        }
    }

    @Test
    void leakageAuditPutsEachModelsFlagsAndCostInTheReport() throws Exception {
        Path out = tmp.resolve("bench-audit");
        List<String> scratchBefore = auditScratchFolders();
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("bench", "--suite", "tiny", "--tasks",
                "bank-mortgage", "--models", "rules", "--leakage-audit", "--threads", "1", "--cache",
                tmp.resolve("cache").toString(), "--out", out.toString());
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("bank-mortgage × rules: leakage audit ok (val auroc "), r.out);

        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertTrue(json.get("settings").get("leakageAudit").asBoolean(), json.get("settings").toString());
        JsonNode run = json.get("runs").get(0);
        JsonNode audit = run.get("audit");
        assertEquals("ok", audit.get("status").asText(), run.toString());
        // The audit reopened the saved model: its unmasked val AUROC is the one fitting measured.
        assertEquals(run.get("val").get("auroc").asDouble(), audit.get("valMetric").asDouble(), 1e-9, run.toString());
        assertTrue(audit.get("valWithout").has("transactions") && audit.get("valWithout").has("column age"),
                audit.toString());
        assertTrue(audit.get("warnings").isArray() && audit.get("seconds").asDouble() > 0, audit.toString());

        String md = Files.readString(out.resolve("README.md"));
        assertTrue(md.contains("| status | leakage audit |"), md);
        assertTrue(md.contains("Leakage audit (--leakage-audit): ") && md.contains("audited runs flagged; the audit "
                + "took "), md);
        assertTrue(md.contains("- rules: " + (audit.get("warnings").isEmpty() ? "no flags" : "")), md);
        assertEquals(scratchBefore, auditScratchFolders(), "the temporary model folders are deleted");
    }

    private static List<String> auditScratchFolders() throws java.io.IOException {
        try (var tmpFiles = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmpFiles.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("relgraph-bench-audit-"))
                    .sorted().toList();
        }
    }

    @Test
    void flatXgboostRanksTheNextBestActionTaskInsteadOfNa() throws Exception {
        Path out = tmp.resolve("bench-nba");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("bench", "--suite", "tiny", "--tasks", "bank-nba",
                "--models", "flat-xgboost", "--threads", "1", "--cache", tmp.resolve("cache").toString(), "--out",
                out.toString());
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("bank-nba × flat-xgboost: val map@3"), r.out);
        JsonNode run = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("runs").get(0);
        assertEquals("ok", run.get("status").asText(), run.toString());
        // The tiny bank has a handful of accepting customers per split: check the metrics exist, not their level.
        double map = run.get("test").get("map@3").asDouble();
        assertTrue(map >= 0 && map <= 1 && run.get("val").has("shown_auroc")
                && run.get("inferMsPer1000").asDouble() > 0, run.toString());
    }

    @Test
    void combiningKindsRunWhenNamedAndGetTheirOwnColumn() throws Exception {
        Path out = tmp.resolve("bench-blend");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("bench", "--suite", "tiny", "--tasks",
                "bank-mortgage", "--models", "gnn-xgb-blend,xgb-gnn-inputs,rules", "--threads", "1", "--cache",
                tmp.resolve("cache").toString(), "--out", out.toString());
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("bank-mortgage × gnn-xgb-blend: val auroc"), r.out);
        String md = Files.readString(out.resolve("README.md"));
        assertTrue(md.contains("| task | metric | rules | entity-gbdt | flat-xgboost | cf | gnn | gnn-xgb-blend | "
                + "xgb-gnn-inputs | published | oracle |"), "the combining kinds get columns after the default models: "
                + md);
        JsonNode runs = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("runs");
        assertEquals(3, runs.size(), runs.toString());
        assertEquals("rules", runs.get(0).get("model").asText(), "registry order, not the order named");
        JsonNode blend = runs.get(1);
        assertEquals("gnn-xgb-blend", blend.get("model").asText());
        assertEquals("ok", blend.get("status").asText(), blend.toString());
        double auroc = blend.get("test").get("auroc").asDouble();
        assertTrue(auroc > 0 && auroc < 1 && blend.get("val").has("auroc")
                && blend.get("inferMsPer1000").asDouble() > 0, blend.toString());
        JsonNode onInputs = runs.get(2);
        assertEquals("xgb-gnn-inputs", onInputs.get("model").asText());
        assertEquals("ok", onInputs.get("status").asText(), onInputs.toString());
        assertTrue(r.out.contains("bank-mortgage × xgb-gnn-inputs: val auroc"), r.out);

        RelgraphCommandTest.Run unknown = new RelgraphCommandTest.Run("bench", "--suite", "tiny", "--models",
                "gnn-blend", "--cache", tmp.resolve("cache").toString(), "--out", tmp.resolve("never").toString());
        assertEquals(2, unknown.code, unknown.out + unknown.err);
        assertTrue(unknown.err.contains("error: unknown model 'gnn-blend'")
                && unknown.err.contains("when named: gnn-ensemble, gnn-xgb-blend, xgb-gnn-inputs"), unknown.err);
    }

    @Test
    void excludeTablesLeavesATableOutOfEveryTaskThatHasItAndRefusesATypo() throws Exception {
        Path out = tmp.resolve("bench-excluded");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("bench", "--suite", "tiny", "--tasks",
                "bank-mortgage", "--models", "rules", "--exclude-tables", "transactions", "--threads", "1",
                "--cache", tmp.resolve("cache").toString(), "--out", out.toString());
        assertEquals(0, r.code, r.out + r.err);
        String md = Files.readString(out.resolve("README.md"));
        assertTrue(md.contains("Tables left out (they leak the label, or --exclude-tables named them): transactions"),
                md);
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("transactions", json.get("tasks").get(0).get("dropped_tables").asText());

        RelgraphCommandTest.Run typo = new RelgraphCommandTest.Run("bench", "--suite", "tiny", "--tasks",
                "bank-mortgage", "--exclude-tables", "transactons", "--cache", tmp.resolve("cache").toString(),
                "--out", tmp.resolve("never").toString());
        assertEquals(2, typo.code, typo.out + typo.err);
        assertTrue(typo.err.contains("error: --exclude-tables names table 'transactons', which no benchmark task's "
                + "data has"), typo.err);
        assertTrue(typo.err.contains("did you mean 'transactions'?"), typo.err);
        assertTrue(Files.notExists(tmp.resolve("never")));
    }

    @Test
    void aTaskWhoseSplitsHaveOneClassIsStoppedWithTheErrorInsteadOfNaMetrics() throws Exception {
        // 40 customers: no mortgage opens in the train windows.
        Path out = tmp.resolve("bench-40");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("bench", "--suite", "tiny", "--bank-customers", "40",
                "--tasks", "bank-mortgage", "--models", "rules", "--threads", "1", "--cache",
                tmp.resolve("cache").toString(), "--out", out.toString());
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("bank-mortgage: error: the train split has only negative labels")
                && r.out.contains("bank-mortgage: hint: check the values"), r.out);
        assertTrue(!r.out.contains("× rules"), "no model is fitted: " + r.out);
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(0, json.get("runs").size(), json.toString());
        assertTrue(Files.readString(out.resolve("README.md")).contains("stopped: the train split has only negative "
                + "labels"));
    }
}

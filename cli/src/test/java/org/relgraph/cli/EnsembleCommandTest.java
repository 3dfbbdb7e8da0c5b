package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --ensemble K and --kind gnn-xgb-blend through the CLI, then evaluate / predict / explain their bundles. */
class EnsembleCommandTest {
    @TempDir
    static Path tmp;
    static Path bank;
    static Path ensemble;
    static RelgraphCommandTest.Run trained;

    static final List<String> TINY = List.of("--query", QueryCommandTest.MORTGAGE, "--train-anchors", "2",
            "--epochs", "1", "--hidden", "16", "--fanouts", "5,3", "--batch-size", "256");

    @BeforeAll
    static void trainOnce() {
        bank = tmp.resolve("bank");
        ensemble = tmp.resolve("ensemble");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "600",
                "--out", bank.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
        trained = train("--ensemble", "2", "--out", ensemble.toString());
        assertEquals(0, trained.code, trained.err);
    }

    static RelgraphCommandTest.Run train(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", bank.toString()));
        args.addAll(TINY);
        args.addAll(List.of(more));
        return new RelgraphCommandTest.Run(args.toArray(String[]::new));
    }

    /** The value printed for metric {@code name} on its own line ({@code   test_auroc   0.7123}). */
    static String metric(String out, String name) {
        Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(name) + "\\s+(\\S+)$").matcher(out);
        assertTrue(m.find(), name + " in " + out);
        return m.group(1);
    }

    @Test
    void trainShowsEachMembersProgressAndWritesOneBundleOfMemberBundles() {
        assertTrue(trained.out.contains("member 1/2: seed 42"), trained.out);
        assertTrue(trained.out.contains("member 2/2: seed 43"), trained.out);
        // Epoch bars go to the process's stderr; the scoring bars to the command's, labelled per member too.
        assertTrue(trained.err.contains("member 2/2 · scoring test ["), trained.err);
        assertTrue(trained.out.contains("member 2/2 (seed 43): best epoch 1, val auroc "), trained.out);
        assertTrue(trained.out.contains("; ensemble of 2 GNNs (seeds 42, 43), calibrated probabilities averaged"),
                trained.out);
        assertFalse(trained.out.contains("best epoch NaN"), trained.out);
        assertFalse(trained.out.contains("Checkpoint after every epoch"), trained.out);
        assertTrue(Files.isRegularFile(ensemble.resolve("bundle.json")));
        assertTrue(Files.isRegularFile(ensemble.resolve("member-2").resolve("weights.bin")));
        assertFalse(Files.exists(ensemble.resolve(".checkpoint")));
    }

    @Test
    void evaluateGivesTheEnsemblesTestMetricsAsTrainRecordedThem() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("evaluate", "--model", ensemble.toString(),
                "--data", bank.toString(), "--split", "test");
        assertEquals(0, r.code, r.err);
        for (String m : List.of("auroc", "average_precision", "lift@10%")) {
            assertEquals(metric(trained.out, "test_" + m), metric(r.out, m), m);
        }
    }

    @Test
    void predictAndExplainReadTheEnsembleBundle() throws Exception {
        Path csv = tmp.resolve("scores.csv");
        RelgraphCommandTest.Run p = new RelgraphCommandTest.Run("predict", "--model", ensemble.toString(),
                "--data", bank.toString(), "--top", "1", "--out", csv.toString());
        assertEquals(0, p.code, p.err);
        String best = Files.readAllLines(csv).get(1).split(",")[0];
        RelgraphCommandTest.Run e = new RelgraphCommandTest.Run("explain", "--model", ensemble.toString(),
                "--data", bank.toString(), "--entity", best, "--top", "3");
        assertEquals(0, e.code, e.err);
        assertTrue(e.out.startsWith("CUSTOMERS " + best + " as of "), e.out);
        assertTrue(e.out.contains("mean over 2 members of the logit"), e.out);
    }

    @Test
    void theBlendRecordsItsWeightAndIsScoredButNotExplained() throws Exception {
        Path blend = tmp.resolve("blend");
        RelgraphCommandTest.Run t = train("--kind", "gnn-xgb-blend", "--out", blend.toString());
        assertEquals(0, t.code, t.err);
        assertTrue(t.out.matches("(?s).*; blend \\d\\.\\d\\d × GNN \\+ \\d\\.\\d\\d × flat XGBoost \\(weight chosen "
                + "on val auroc \\d\\.\\d{4} over 21 weights\\).*"), t.out);
        assertTrue(t.out.contains("flat-xgboost: val auroc "), t.out);
        String weight = metric(t.out, "blend_gnn_weight");
        RelgraphCommandTest.Run ev = new RelgraphCommandTest.Run("evaluate", "--model", blend.toString(),
                "--data", bank.toString(), "--split", "val");
        assertEquals(0, ev.code, ev.err);
        assertEquals(metric(t.out, "val_auroc"), metric(ev.out, "auroc"));
        assertTrue(Files.readString(blend.resolve("bundle.json")).contains("\"weights\" : [ " + Double.parseDouble(
                weight)), weight);
        Path csv = tmp.resolve("blend.csv");
        RelgraphCommandTest.Run p = new RelgraphCommandTest.Run("predict", "--model", blend.toString(),
                "--data", bank.toString(), "--top", "1", "--out", csv.toString());
        assertEquals(0, p.code, p.err);
        String best = Files.readAllLines(csv).get(1).split(",")[0];
        RelgraphCommandTest.Run e = new RelgraphCommandTest.Run("explain", "--model", blend.toString(),
                "--data", bank.toString(), "--entity", best);
        assertEquals(2, e.code, e.out + e.err);
        assertEquals(List.of("error: explanations work with GNN propensity, regression, class and next-best-action "
                + "models; this bundle is a gnn-xgb-blend binary model", "hint: explain a GNN written by relgraph "
                + "train (--ensemble K too); baselines, gnn-xgb-blend, xgb-gnn-inputs and xgb-gnn-embeddings are not "
                + "explained yet"),
                e.errorLines());
    }

    @Test
    void xgbOnGnnInputsIsTrainedEvaluatedAndScoredButNotExplained() throws Exception {
        Path model = tmp.resolve("xgb-gnn-inputs");
        RelgraphCommandTest.Run t = train("--kind", "xgb-gnn-inputs", "--extended-child-summaries", "--out",
                model.toString());
        assertEquals(0, t.code, t.err);
        assertTrue(t.out.contains("xgb-gnn-inputs: features and fit on "), t.out);
        assertFalse(t.out.contains("Checkpoint after every epoch"), t.out);
        assertFalse(t.out.contains("Model: 2 layers"), "no GNN is trained: " + t.out);
        assertTrue(Files.isRegularFile(model.resolve("node-inputs-encoding.json")));
        assertTrue(Files.readString(model.resolve("baseline.json")).contains("\"gnn.transactions(customer_id)"
                + ".sum_window."), "the GNN's inputs, with --extended-child-summaries' sums, are features");
        RelgraphCommandTest.Run ev = new RelgraphCommandTest.Run("evaluate", "--model", model.toString(),
                "--data", bank.toString(), "--split", "test");
        assertEquals(0, ev.code, ev.err);
        for (String m : List.of("auroc", "average_precision")) {
            assertEquals(metric(t.out, "test_" + m), metric(ev.out, m), m);
        }
        Path csv = tmp.resolve("xgb-gnn-inputs.csv");
        RelgraphCommandTest.Run p = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--top", "1", "--out", csv.toString());
        assertEquals(0, p.code, p.err);
        String best = Files.readAllLines(csv).get(1).split(",")[0];
        RelgraphCommandTest.Run e = new RelgraphCommandTest.Run("explain", "--model", model.toString(),
                "--data", bank.toString(), "--entity", best);
        assertEquals(2, e.code, e.out + e.err);
        assertEquals(List.of("error: explanations work with GNN propensity, regression, class and next-best-action "
                + "models; this bundle is a xgb-gnn-inputs binary model", "hint: explain a GNN written by relgraph "
                + "train (--ensemble K too); baselines, gnn-xgb-blend, xgb-gnn-inputs and xgb-gnn-embeddings are not "
                + "explained yet"),
                e.errorLines());
        assertRefused(train("--ensemble", "2", "--kind", "xgb-gnn-inputs", "--out", tmp.resolve("x1").toString()),
                "error: --ensemble does not combine with --kind xgb-gnn-inputs",
                "hint: use one: --ensemble K averages K GNNs, --kind xgb-gnn-inputs trains XGBoost on flat features "
                        + "and the GNN's inputs");
        assertRefused(new RelgraphCommandTest.Run("baseline", "--kind", "xgb-gnn-inputs", "--data", bank.toString(),
                "--query", QueryCommandTest.MORTGAGE, "--out", tmp.resolve("x2").toString()),
                "error: --kind xgb-gnn-inputs is not a baseline",
                "hint: train it with relgraph train --kind xgb-gnn-inputs");
    }

    @Test
    void xgbOnGnnEmbeddingsIsTrainedEvaluatedAndScoredButNotExplained() throws Exception {
        Path model = tmp.resolve("xgb-gnn-embeddings");
        RelgraphCommandTest.Run t = train("--kind", "xgb-gnn-embeddings", "--out", model.toString());
        assertEquals(0, t.code, t.err);
        assertTrue(t.out.contains("xgb-gnn-embeddings: GNN 2/3, fold 1/2: trains on the other folds' "), t.out);
        assertTrue(t.out.contains("xgb-gnn-embeddings: GNN 3/3 done: best epoch "), t.out);
        assertTrue(Files.isRegularFile(model.resolve("embedding-gnn").resolve("bundle.json")),
                "the GNN that embeds val, test and predictions is in the bundle");
        assertTrue(Files.readString(model.resolve("baseline.json")).contains("\"gnn_embedding.0\""));
        RelgraphCommandTest.Run ev = new RelgraphCommandTest.Run("evaluate", "--model", model.toString(),
                "--data", bank.toString(), "--split", "test");
        assertEquals(0, ev.code, ev.err);
        for (String m : List.of("auroc", "average_precision")) {
            assertEquals(metric(t.out, "test_" + m), metric(ev.out, m), m);
        }
        Path csv = tmp.resolve("xgb-gnn-embeddings.csv");
        RelgraphCommandTest.Run p = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--top", "1", "--out", csv.toString());
        assertEquals(0, p.code, p.err);
        String best = Files.readAllLines(csv).get(1).split(",")[0];
        RelgraphCommandTest.Run e = new RelgraphCommandTest.Run("explain", "--model", model.toString(),
                "--data", bank.toString(), "--entity", best);
        assertEquals(2, e.code, e.out + e.err);
        assertEquals(List.of("error: explanations work with GNN propensity, regression, class and next-best-action "
                + "models; this bundle is a xgb-gnn-embeddings binary model", "hint: explain a GNN written by "
                + "relgraph train (--ensemble K too); baselines, gnn-xgb-blend, xgb-gnn-inputs and xgb-gnn-embeddings "
                + "are not explained yet"), e.errorLines());
        assertRefused(train("--ensemble", "2", "--kind", "xgb-gnn-embeddings", "--out", tmp.resolve("y1").toString()),
                "error: --ensemble does not combine with --kind xgb-gnn-embeddings",
                "hint: use one: --ensemble K averages K GNNs, --kind xgb-gnn-embeddings trains XGBoost on flat "
                        + "features and a GNN's embeddings");
        assertRefused(new RelgraphCommandTest.Run("baseline", "--kind", "xgb-gnn-embeddings", "--data",
                bank.toString(), "--query", QueryCommandTest.MORTGAGE, "--out", tmp.resolve("y2").toString()),
                "error: --kind xgb-gnn-embeddings is not a baseline",
                "hint: train it with relgraph train --kind xgb-gnn-embeddings");
    }

    @Test
    void badEnsembleAndKindOptionsAreRefusedBeforeTheDataLoads() {
        assertRefused(train("--ensemble", "0", "--out", tmp.resolve("e0").toString()),
                "error: --ensemble must be at least 1, got 0",
                "hint: the number of GNNs to average, e.g. --ensemble 3 (seeds SEED, SEED+1, SEED+2)");
        assertRefused(train("--ensemble", "2", "--kind", "gnn-xgb-blend", "--out", tmp.resolve("e1").toString()),
                "error: --ensemble does not combine with --kind gnn-xgb-blend",
                "hint: use one: --ensemble K averages K GNNs, --kind gnn-xgb-blend blends one GNN with flat XGBoost");
        assertRefused(train("--kind", "gnn-ensemble", "--out", tmp.resolve("e2").toString()),
                "error: --kind gnn-ensemble is chosen with --ensemble K",
                "hint: use --ensemble 3 (the GNN's seeds SEED, SEED+1, SEED+2), without --kind");
        assertRefused(train("--kind", "flat-xgboost", "--out", tmp.resolve("e3").toString()),
                "error: relgraph train does not train --kind flat-xgboost",
                "hint: use --kind gnn, gnn-xgb-blend, xgb-gnn-inputs or xgb-gnn-embeddings; relgraph baseline --kind "
                        + "flat-xgboost trains that baseline");
        assertRefused(train("--kind", "lightgbm", "--out", tmp.resolve("e4").toString()),
                "error: unknown model kind 'lightgbm'",
                "hint: use one of rules, entity-gbdt, flat-xgboost, cf, gnn, gnn-ensemble, gnn-xgb-blend, xgb-gnn-inputs, "
                        + "xgb-gnn-embeddings");
        assertRefused(train("--ensemble", "2", "--resume", "--out", tmp.resolve("e5").toString()),
                "error: --resume does not apply to --ensemble, which keeps no checkpoint",
                "hint: run the same command without --resume to train it again");
        assertRefused(train("--kind", "gnn-xgb-blend", "--resume", "--out", tmp.resolve("e6").toString()),
                "error: --resume does not apply to --kind gnn-xgb-blend, which keeps no checkpoint",
                "hint: run the same command without --resume to train it again");
        assertRefused(train("--kind", "xgb-gnn-inputs", "--resume", "--out", tmp.resolve("e7").toString()),
                "error: --resume does not apply to --kind xgb-gnn-inputs, which keeps no checkpoint",
                "hint: run the same command without --resume to train it again");
    }

    @Test
    void aRankingQueryIsNotEnsembled() {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", bank.toString(), "--query",
                NextBestActionCommandTest.NBA, "--train-anchors", "2", "--epochs", "1", "--ensemble", "2", "--out",
                tmp.resolve("nba").toString()));
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run(args.toArray(String[]::new));
        assertRefused(r, "error: gnn-ensemble averages one number per entity; this is a ranking query",
                "hint: train the ranker without --ensemble");
    }

    private static void assertRefused(RelgraphCommandTest.Run r, String error, String hint) {
        assertEquals(2, r.code, r.out + r.err);
        assertEquals(List.of(error, hint), r.errorLines());
    }
}

package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tune on a small generated bank with a tiny schedule, then predict on its bundle; and tune's bad-input errors. */
class TuneCommandTest {
    @TempDir
    static Path tmp;
    static Path bank;
    static Path model;
    static RelgraphCommandTest.Run tuned;

    private static String[] tune(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("tune", "--data", bank.toString(), "--query",
                QueryCommandTest.MORTGAGE, "--train-anchors", "2", "--batch-size", "256", "--threads", "1",
                "--out", out.toString()));
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    @BeforeAll
    static void tuneOnce() {
        bank = tmp.resolve("bank");
        model = tmp.resolve("tuned");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "600",
                "--out", bank.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
        // 4 models of one epoch, the best one trained again for up to 2.
        tuned = new RelgraphCommandTest.Run(tune(model, "--trials", "4", "--min-epochs", "1", "--epochs", "2",
                "--hidden", "8,16", "--layers", "1,2", "--fanouts", "5,3", "--dropout", "0"));
        assertEquals(0, tuned.code, tuned.out + tuned.err);
    }

    /** Each run's epochs show on the command's error stream, labelled with where the search is; no scoring bars. */
    @Test
    void eachRunsEpochsShowOnTheCommandsErrorStream() {
        assertTrue(tuned.err.lines().anyMatch(l -> l.matches("run 1/5 · trial \\d+ · rung 1/2 · epoch 1: loss .*")),
                tuned.err);
        assertTrue(tuned.err.lines().noneMatch(l -> l.contains("scoring val")), tuned.err);
    }

    @Test
    void theResultsTableIsPrintedAndWrittenAndTheBundleIsTheBestRunsModel() throws Exception {
        assertTrue(tuned.out.contains("Search: 4 of 36 models (seed 42), successive halving on val AUROC: "
                + "4 × 1 epochs → 1 × up to 2"), tuned.out);
        Path csv = tmp.resolve("tuned.tuning.csv");
        List<String> lines = Files.readAllLines(csv);
        assertEquals("trial,rung,hidden,layers,fanouts,lr,dropout,conv,epochs,best_epoch,val_auroc,seconds,status",
                lines.get(0));
        assertEquals(1 + 5, lines.size(), "4 first-rung runs and the survivor's: " + lines);
        List<String[]> rows = lines.subList(1, lines.size()).stream()
                .map(l -> l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")).toList();
        int valColumn = 10;
        String[] best = rows.stream().filter(r -> r[12].equals("best")).findFirst().orElseThrow();
        double bestVal = Double.parseDouble(best[valColumn]);
        for (String[] r : rows) {
            assertTrue(Double.parseDouble(r[valColumn]) <= bestVal, "no run beats the best: " + lines);
        }
        String firstRungBest = rows.subList(0, 4).stream()
                .max(java.util.Comparator.comparingDouble(r -> Double.parseDouble(r[valColumn]))).orElseThrow()[0];
        assertEquals(firstRungBest, rows.get(4)[0], "the first rung's best trial is the one trained again");
        assertEquals("2", rows.get(4)[1]);
        // Its first-rung run is promoted, or the best when its longer run did not beat it (a tie keeps the first).
        assertTrue(List.of("promoted", "best").contains(rows.stream().filter(r -> r[0].equals(firstRungBest)
                && r[1].equals("1")).findFirst().orElseThrow()[12]), lines.toString());
        // The printed table holds the same rows; the bundle holds the best run's model, as train writes one.
        assertTrue(tuned.out.contains("status") && tuned.out.contains("dropped"), tuned.out);
        assertTrue(tuned.out.contains("Results table: " + csv.toAbsolutePath()), tuned.out);
        assertTrue(tuned.out.contains("Model bundle: " + model), tuned.out);
        JsonNode bundle = new ObjectMapper().readTree(model.resolve("bundle.json").toFile());
        assertEquals(bestVal, bundle.get("metrics").get("val_auroc").asDouble(), 1e-12);
        assertTrue(bundle.get("metrics").has("test_auroc") && bundle.get("metrics").has("audit_flags"),
                bundle.toString());
        assertEquals(Integer.parseInt(best[2]), bundle.get("config").get("architecture").get("hidden").asInt());
        assertFalse(Files.exists(model.resolve(".checkpoint")));
    }

    @Test
    void predictReadsTheTunedBundle() {
        Path scores = tmp.resolve("scores.csv");
        RelgraphCommandTest.Run p = new RelgraphCommandTest.Run("predict", "--model", model.toString(), "--data",
                bank.toString(), "--top", "5", "--show", "0", "--out", scores.toString());
        assertEquals(0, p.code, p.err);
        assertTrue(Files.exists(scores));
    }

    private static void assertRefusedBeforeLoading(RelgraphCommandTest.Run r, String error, String hint) {
        assertEquals(2, r.code, r.out + r.err);
        List<String> lines = r.errorLines();
        assertEquals(error, lines.get(0), r.err);
        assertTrue(lines.get(1).startsWith("hint: ") && lines.get(1).contains(hint), r.err);
        assertFalse(r.err.contains("Loading") || r.out.contains("Task:"), "refused before the load: " + r.err);
        assertFalse(r.err.contains("\tat "), r.err);
    }

    @Test
    void badInputIsRefusedNamingTheOptionBeforeTheDataIsLoaded() throws Exception {
        Path out = tmp.resolve("never");
        assertRefusedBeforeLoading(new RelgraphCommandTest.Run(tune(out, "--budget", "20")),
                "error: --budget '20' is not a time", "--budget 20m");
        assertRefusedBeforeLoading(new RelgraphCommandTest.Run(tune(out, "--layers", "3", "--fanouts", "10,5")),
                "error: --fanouts 10,5 has 2 hops but --layers goes up to 3", "--fanouts 10,5,5");
        assertRefusedBeforeLoading(new RelgraphCommandTest.Run(tune(out, "--fanouts", "10,x")),
                "error: --fanouts '10,x' is not a list of counts", "--fanouts 10,5,5");
        assertRefusedBeforeLoading(new RelgraphCommandTest.Run(tune(out, "--eta", "1")),
                "error: --eta must be at least 2, got 1", "--eta 3");
        assertRefusedBeforeLoading(new RelgraphCommandTest.Run(tune(out, "--lr", "0")),
                "error: --lr must be above 0, got 0.0", "--lr 0.001,0.003");
        RelgraphCommandTest.Run conv = new RelgraphCommandTest.Run(tune(out, "--conv", "sage,gcn"));
        assertEquals(2, conv.code, conv.err);
        assertTrue(conv.err.contains("--conv") && conv.err.contains("gcn") && conv.err.contains("SAGE, GAT"),
                conv.err);
        assertFalse(Files.exists(out));

        Path userFolder = tmp.resolve("mine");
        Files.createDirectories(userFolder);
        Files.writeString(userFolder.resolve("notes.txt"), "my notes");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run(tune(userFolder));
        assertEquals(2, r.code, r.err);
        assertTrue(r.errorLines().get(0).startsWith("error: output folder " + userFolder
                + " holds files relgraph did not write (notes.txt)"), r.err);
        assertFalse(r.out.contains("Task:"), "refused before the load: " + r.out);
        assertEquals("my notes", Files.readString(userFolder.resolve("notes.txt")));
    }
}

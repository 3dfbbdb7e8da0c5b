package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes replaces only what relgraph wrote (or anything with --force), and checks its
 * destination before it loads any data: a bogus --data next to a bad --out must fail on the --out.
 */
class OutputDestinationCommandTest {
    private static final String BOGUS_DATA = "/nonexistent/relgraph-data";
    private static final String USER_FOLDER_ERROR = "error: output folder %s holds files relgraph did not write "
            + "(notes.txt, sub/)";
    private static final String FORCE_HINT = "hint: choose a new folder, or add --force to replace it";

    @TempDir
    static Path tmp;
    static Path bank;

    @BeforeAll
    static void generate() {
        bank = tmp.resolve("bank");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "300",
                "--out", bank.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
    }

    private static Path userFolder(String name) throws IOException {
        Path folder = tmp.resolve(name);
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("notes.txt"), "my notes");
        Files.writeString(folder.resolve("sub/keep.txt"), "keep");
        return folder;
    }

    private static void assertUserFolderIntact(Path folder) throws IOException {
        assertEquals(List.of("notes.txt", "sub"), names(folder));
        assertEquals("my notes", Files.readString(folder.resolve("notes.txt")));
        assertEquals("keep", Files.readString(folder.resolve("sub/keep.txt")));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The error and hint lines, which must be all of stderr: nothing was loaded before the check failed. */
    private static void assertFailsFirstWith(RelgraphCommandTest.Run r, String error, String hint) {
        assertEquals(2, r.code, r.out + r.err);
        assertEquals(List.of(error, hint), r.err.lines().toList(), "no load report before the error");
    }

    private static RelgraphCommandTest.Run train(String data, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data, "--query", QueryCommandTest.MORTGAGE,
                "--train-anchors", "1", "--epochs", "1", "--hidden", "8", "--fanouts", "3,2", "--batch-size",
                "256", "--out", out.toString()));
        args.addAll(Arrays.asList(extra));
        return new RelgraphCommandTest.Run(args.toArray(String[]::new));
    }

    private static RelgraphCommandTest.Run baseline(String data, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("baseline", "--kind", "rules", "--data", data, "--query",
                QueryCommandTest.MORTGAGE, "--train-anchors", "1", "--out", out.toString()));
        args.addAll(Arrays.asList(extra));
        return new RelgraphCommandTest.Run(args.toArray(String[]::new));
    }

    private static RelgraphCommandTest.Run predict(Path model, String data, String out, String... extra) {
        List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString(), "--data", data,
                "--show", "0", "--out", out));
        args.addAll(Arrays.asList(extra));
        return new RelgraphCommandTest.Run(args.toArray(String[]::new));
    }

    @Test
    void trainRefusesAUsersFolderBeforeLoadingAndLeavesItIntact() throws Exception {
        Path folder = userFolder("train-user");
        RelgraphCommandTest.Run r = train(BOGUS_DATA, folder);
        assertFailsFirstWith(r, USER_FOLDER_ERROR.formatted(folder), FORCE_HINT);
        assertUserFolderIntact(folder);
    }

    @Test
    void trainRefusesTheDataFolderItselfEvenWithForce() throws Exception {
        List<String> before = names(bank);
        for (String[] extra : List.of(new String[0], new String[] {"--force"})) {
            RelgraphCommandTest.Run r = train(bank.toString(), bank, extra);
            assertFailsFirstWith(r, "error: --out " + bank + " is the data folder: writing the model there would "
                    + "replace the data it is trained on", "hint: choose a folder outside " + bank
                    + ", e.g. --out out/model (--force does not lift this)");
            assertEquals(before, names(bank));
        }
    }

    @Test
    void baselineRefusesAFolderHoldingTheDataEvenWithForce() throws Exception {
        List<String> before = names(bank);
        RelgraphCommandTest.Run r = baseline(bank.toString(), tmp, "--force");
        assertFailsFirstWith(r, "error: --out " + tmp + " holds the data folder " + bank + ": writing the model "
                + "there would replace the data it is trained on", "hint: choose a folder outside " + bank
                + ", e.g. --out out/model (--force does not lift this)");
        assertEquals(before, names(bank));
    }

    @Test
    void trainWritesIntoAnEmptyFolderThenReplacesItsOwnBundle() throws Exception {
        Path model = Files.createDirectory(tmp.resolve("train-empty"));
        RelgraphCommandTest.Run first = train(bank.toString(), model);
        assertEquals(0, first.code, first.err);
        byte[] firstWeights = Files.readAllBytes(model.resolve("weights.bin"));

        RelgraphCommandTest.Run second = train(bank.toString(), model, "--seed", "7");
        assertEquals(0, second.code, second.err);
        assertEquals(List.of(".relgraph-output", "bundle.json", "checksums.sha256", "encoding.json", "weights.bin"),
                names(model));
        assertFalse(Arrays.equals(firstWeights, Files.readAllBytes(model.resolve("weights.bin"))),
                "the second run's bundle replaced the first");
    }

    @Test
    void trainIntoAnUnwritablePlaceFailsBeforeLoading() throws Exception {
        Path locked = Files.createDirectory(tmp.resolve("locked"));
        locked.toFile().setWritable(false, false);
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(locked),
                    "running as root: permissions are not enforced");
            RelgraphCommandTest.Run r = train(BOGUS_DATA, locked.resolve("model"));
            assertFailsFirstWith(r, "error: cannot write into " + locked + " (permission denied)",
                    "hint: choose a folder you may write to, or fix its permissions");
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }

    @Test
    void baselineRefusesAUsersFolderAndForceReplacesIt() throws Exception {
        Path folder = userFolder("baseline-user");
        assertFailsFirstWith(baseline(BOGUS_DATA, folder), USER_FOLDER_ERROR.formatted(folder), FORCE_HINT);
        assertUserFolderIntact(folder);

        RelgraphCommandTest.Run forced = baseline(bank.toString(), folder, "--force");
        assertEquals(0, forced.code, forced.err);
        assertFalse(Files.exists(folder.resolve("notes.txt")));
        assertTrue(Files.isRegularFile(folder.resolve("rules.json")), names(folder).toString());
    }

    @Test
    void baselineUsesAnEmptyFolderAndReplacesItsOwnBundleOfAnotherKind() throws Exception {
        Path model = Files.createDirectory(tmp.resolve("baseline-empty"));
        RelgraphCommandTest.Run rules = baseline(bank.toString(), model);
        assertEquals(0, rules.code, rules.err);
        assertTrue(Files.isRegularFile(model.resolve("rules.json")));

        RelgraphCommandTest.Run gbdt = new RelgraphCommandTest.Run("baseline", "--kind", "entity-gbdt", "--data",
                bank.toString(), "--query", QueryCommandTest.MORTGAGE, "--train-anchors", "1", "--out",
                model.toString());
        assertEquals(0, gbdt.code, gbdt.err);
        assertFalse(Files.exists(model.resolve("rules.json")), "the rules bundle is replaced whole");
        assertTrue(Files.isRegularFile(model.resolve("xgboost-model.ubj")));
    }

    @Test
    void benchRefusesAUsersFolderBeforeAnyWork() throws Exception {
        Path folder = userFolder("bench-user");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("bench", "--suite", "quick", "--tasks",
                "bank-mortgage", "--models", "rules", "--cache", tmp.resolve("cache").toString(), "--out",
                folder.toString());
        assertFailsFirstWith(r, USER_FOLDER_ERROR.formatted(folder), FORCE_HINT);
        assertEquals("", r.out, "no task started");
        assertUserFolderIntact(folder);
        assertFalse(Files.exists(tmp.resolve("cache")), "no bank generated");
    }

    @Test
    void predictChecksItsDestinationBeforeLoading() {
        Path model = tmp.resolve("never-read");
        assertFailsFirstWith(predict(model, BOGUS_DATA, "/nonexistent/nodir/x.csv"),
                "error: output folder /nonexistent/nodir does not exist",
                "hint: create the folder first or write to an existing one");
        assertFailsFirstWith(predict(model, BOGUS_DATA, "jdbc:postgresql://localhost:5432/bank"),
                "error: PostgreSQL output localhost:5432/bank names no table",
                "hint: add ?table=<name> to the URL, e.g. jdbc:postgresql://localhost:5432/bank?table=mortgage_scores");
        RelgraphCommandTest.Run unreachable = predict(model, BOGUS_DATA,
                "jdbc:postgresql://localhost:1/bank?table=scores&user=u&password=p");
        assertEquals(2, unreachable.code, unreachable.err);
        assertEquals(2, unreachable.err.lines().count(), unreachable.err);
        assertTrue(unreachable.err.startsWith("error: cannot reach PostgreSQL at localhost:1/bank"),
                unreachable.err);
    }

    @Test
    void predictNeverOverwritesADataFileButReplacesItsOwnScoresOrAnyFileWithForce() throws Exception {
        Path model = tmp.resolve("predict-model");
        assertEquals(0, baseline(bank.toString(), model).code);
        Path customers = bank.resolve("customers.csv");
        byte[] before = Files.readAllBytes(customers);

        RelgraphCommandTest.Run r = predict(model, bank.toString(), customers.toString());
        assertEquals(2, r.code, r.err);
        List<String> error = r.errorLines();
        assertTrue(error.get(0).startsWith("error: output file " + customers + " exists and is not a score table "
                + "with these columns (CUSTOMER_ID, NAME, MORTGAGE_PROPENSITY, RANK, RECOMMENDED_ACTION) relgraph "
                + "wrote (its columns are "), error.get(0));
        assertEquals("hint: choose a new file, or add --force to replace it", error.get(1));
        assertTrue(Arrays.equals(before, Files.readAllBytes(customers)), "the data file is untouched");

        Path scores = tmp.resolve("scores.csv");
        assertEquals(0, predict(model, bank.toString(), scores.toString()).code);
        RelgraphCommandTest.Run again = predict(model, bank.toString(), scores.toString(), "--top", "5");
        assertEquals(0, again.code, again.err);
        assertEquals(6, Files.readAllLines(scores).size(), "its own scores are replaced");

        Path notes = Files.writeString(tmp.resolve("notes.csv"), "TOPIC,TEXT\nq3,call Ann\n");
        RelgraphCommandTest.Run forced = predict(model, bank.toString(), notes.toString(), "--top", "5",
                "--force");
        assertEquals(0, forced.code, forced.err);
        assertTrue(Files.readAllLines(notes).get(0).startsWith("CUSTOMER_ID,"));
    }

    @Test
    void queryRefusesAUsersFileBeforeLoadingAndReplacesItsOwnTable() throws Exception {
        Path notes = Files.writeString(tmp.resolve("query-notes.csv"), "TOPIC,TEXT\nq3,call Ann\n");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("query", "--data", BOGUS_DATA, "--query",
                QueryCommandTest.MORTGAGE, "--out", notes.toString());
        assertFailsFirstWith(r, "error: output file " + notes + " exists and is not a training table relgraph "
                + "wrote (its columns are TOPIC, TEXT)", "hint: choose a new file, or add --force to replace it");
        assertEquals("TOPIC,TEXT\nq3,call Ann\n", Files.readString(notes));

        Path table = tmp.resolve("training.parquet");
        for (int run = 0; run < 2; run++) {
            RelgraphCommandTest.Run q = new RelgraphCommandTest.Run("query", "--data", bank.toString(),
                    "--query", QueryCommandTest.MORTGAGE, "--train-anchors", "1", "--out", table.toString());
            assertEquals(0, q.code, q.err);
        }
        RelgraphCommandTest.Run forced = new RelgraphCommandTest.Run("query", "--data", bank.toString(),
                "--query", QueryCommandTest.MORTGAGE, "--train-anchors", "1", "--out", notes.toString(), "--force");
        assertEquals(0, forced.code, forced.err);
        assertTrue(Files.readString(notes).toLowerCase(java.util.Locale.ROOT)
                .startsWith("customer_id,anchor_time,label,split"), Files.readString(notes));
    }

    @Test
    void inspectKeepsAnExistingSchemaFileUnlessForced() throws Exception {
        Path schema = Files.writeString(tmp.resolve("my-schema.yaml"), "# my edits\n");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("inspect", "--data", bank.toString(),
                "--infer-schema", "--schema-out", schema.toString());
        assertEquals(2, r.code, r.err);
        assertEquals(List.of("error: schema file " + schema + " already exists (it may hold your edits)",
                "hint: choose another --schema-out, or add --force to replace it"), r.errorLines());
        assertEquals("# my edits\n", Files.readString(schema));

        RelgraphCommandTest.Run forced = new RelgraphCommandTest.Run("inspect", "--data", bank.toString(),
                "--infer-schema", "--schema-out", schema.toString(), "--force");
        assertEquals(0, forced.code, forced.err);
        assertTrue(Files.readString(schema).contains("name: customers"), "the inferred schema replaced it");
    }

    @Test
    void demoChecksItsModelFoldersBeforeGeneratingAnything() throws Exception {
        Path out = tmp.resolve("demo");
        Path folder = userFolder("demo/mortgage-model");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("demo", "--out", out.toString(), "--customers",
                "100");
        assertFailsFirstWith(r, USER_FOLDER_ERROR.formatted(folder), FORCE_HINT);
        assertEquals(List.of("mortgage-model"), names(out), "no bank generated");
        assertUserFolderIntact(folder);
    }
}

package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RelgraphCommandTest {
    static final class Run {
        final int code;
        final String out;
        final String err;

        Run(String... args) {
            CommandLine cmd = RelgraphCommand.newCommandLine();
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            cmd.setOut(new PrintWriter(o));
            cmd.setErr(new PrintWriter(e));
            code = cmd.execute(args);
            out = o.toString();
            err = e.toString();
        }

        /** The lines of stderr from the error on: what follows the load report a command printed before failing. */
        List<String> errorLines() {
            List<String> lines = err.lines().toList();
            int first = 0;
            while (first < lines.size() && !lines.get(first).startsWith("error:")) {
                first++;
            }
            return first == lines.size() ? lines : lines.subList(first, lines.size());
        }
    }

    @Test
    void versionNamesTheProjectVersion() {
        Run r = new Run("--version");
        assertEquals(0, r.code);
        assertTrue(r.out.matches("(?s)relgraph \\d+\\.\\d+\\.\\d+.*"), r.out);
    }

    @Test
    void everySubcommandHasHelp() {
        CommandLine root = RelgraphCommand.newCommandLine();
        for (String name : root.getSubcommands().keySet()) {
            Run r = new Run(name, "--help");
            assertEquals(0, r.code, name + ": " + r.err);
            assertTrue(r.out.contains("Usage: relgraph " + name), name + ": " + r.out);
        }
    }

    /** train declares the shared model options' default provider: its help names the config parts' defaults. */
    @Test
    void trainHelpShowsTheConfigDefaults() {
        Run r = new Run("train", "--help");
        assertEquals(0, r.code, r.err);
        String help = r.out.replaceAll("\\s+", " ");
        org.relgraph.gnn.model.GnnConfig d = org.relgraph.gnn.model.GnnConfig.defaults();
        for (String e : List.of("--hidden=D Hidden width (default " + d.hidden() + ")",
                "--epochs=N Maximum epochs (default " + d.epochs() + ";", "--lr=RATE Adam learning rate (default "
                        + d.learningRate() + ")")) {
            assertTrue(help.contains(e), e + " in " + help);
        }
    }

    /** predict declares --explain through the shared mixin: the Spark score job's help shows the same text. */
    @Test
    void predictHelpShowsTheSharedExplainText() {
        String shared = String.join(" ", new CommandLine(new org.relgraph.options.ExplainOption()).getCommandSpec()
                .findOption("--explain").description());
        Run r = new Run("predict", "--help");
        assertEquals(0, r.code, r.err);
        // picocli wraps inside a word (REASON_1.. / K): compared without white space
        assertTrue(r.out.replaceAll("\\s+", "").contains(("--explain=K" + shared).replaceAll("\\s+", "")),
                shared + " in " + r.out);
    }

    @Test
    void everyDescriptionSurvivesPicocliFormatting() {
        // picocli passes descriptions through String.format; a bare '%' makes it warn on stderr and print the raw text.
        for (CommandLine sub : RelgraphCommand.newCommandLine().getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
            spec.options().forEach(o -> texts.addAll(List.of(o.description())));
            for (String text : texts) {
                assertDoesNotThrow(() -> String.format(Locale.ROOT, text), spec.name() + ": " + text);
            }
        }
    }

    @Test
    void askingForCudaOnTheCpuBuildIsAOneLineErrorWithAHint() {
        Run r = new Run("train", "--data", "/nonexistent", "--query", "PREDICT x", "--out", "/tmp/never",
                "--device", "cuda");
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("CUDA backend") && r.err.contains("-Pcuda"), r.err);
        assertTrue(!r.err.contains("\tat "), r.err);
    }

    @Test
    void unknownOptionIsAUsageErrorNotAStackTrace() {
        Run r = new Run("--no-such-option");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("Unknown option"), r.err);
        assertTrue(!r.err.contains("at org."), r.err);
    }

    @Test
    void outOfMemoryNamesTheLimitsAndHowToRaiseThemInsteadOfAStackTrace() {
        StringWriter e = new StringWriter();
        int code = UserErrorHandler.handleOutOfMemory(new OutOfMemoryError("Java heap space"), new PrintWriter(e));
        String[] lines = e.toString().strip().split("\n");
        assertEquals(UserErrorHandler.INTERNAL_ERROR, code);
        assertEquals(2, lines.length, e.toString());
        assertTrue(lines[0].startsWith("error: out of memory (Java heap space); limits: Java heap "), lines[0]);
        assertTrue(lines[0].contains(" MB of RAM"), lines[0]);
        assertTrue(lines[1].contains("JAVA_OPTS='-XX:MaxRAMPercentage="), lines[1]);
    }

    @Test
    void nonsensicalNumbersAreOneLineErrorsNamingTheOptionBeforeAnyDataIsRead() {
        String[] model = {"--model", "/nonexistent/model", "--data", "/nonexistent/data"};
        String[] train = {"train", "--data", "/nonexistent/data", "--query", "PREDICT x", "--out", "/tmp/never"};
        String[][] cases = {
            {"--top must be 0 or more, got -5", "predict", "--top", "-5"},
            {"--show must be 0 or more, got -1", "predict", "--show", "-1"},
            {"--explain must be 0 or more, got -2", "predict", "--explain", "-2"},
            {"--tiers: tier shares must satisfy 0 < outreach <= nurture <= 1, got 0.5 and 0.2", "predict",
                "--tiers", "0.5,0.2"},
            {"--as-of: cannot read 'yesterday' as a date", "predict", "--as-of", "yesterday"},
            {"--top must be at least 1, got 0", "explain", "--entity", "1", "--top", "0"},
            {"--rows must be 0 or more, got -1", "explain", "--entity", "1", "--rows", "-1"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of(c).subList(1, c.length));
            args.addAll(1, List.of(model));
            assertOneLineError(c[0], new Run(args.toArray(String[]::new)));
        }
        String[][] trainCases = {
            {"--epochs must be at least 1, got 0", "--epochs", "0"},
            {"--batch-size must be at least 1, got 0", "--batch-size", "0"},
            {"--hidden must be at least 1, got 0", "--hidden", "0"},
            {"--patience must be at least 1, got -1", "--patience", "-1"},
            {"--fanouts must be at least 1, got -3", "--fanouts", "10,-3"},
            {"--lr must be above 0, got 0.0", "--lr", "0"},
            {"--dropout must be at least 0 and below 1, got 1.0", "--dropout", "1"},
            {"--threads must be at least 1, got 0", "--threads", "0"},
            {"--train-anchors must be at least 1, got 0", "--train-anchors", "0"},
            {"--eval-anchors must be at least 1, got 0", "--eval-anchors", "0"},
        };
        for (String[] c : trainCases) {
            List<String> args = new ArrayList<>(List.of(train));
            args.addAll(List.of(c).subList(1, c.length));
            assertOneLineError(c[0], new Run(args.toArray(String[]::new)));
        }
        assertOneLineError("--threads must be at least 1, got 0", new Run("baseline", "--kind", "rules", "--data",
                "/nonexistent/data", "--query", "PREDICT x", "--out", "/tmp/never", "--threads", "0"));
        assertOneLineError("--bank-customers must be at least 1, got 0", new Run("bench", "--bank-customers", "0",
                "--out", "/tmp/never"));
        assertOneLineError("--months must be between 12 and 600, got 0", new Run("generate", "bank", "--months",
                "0", "--out", "/tmp/never"));
        assertOneLineError("--nba-epochs must be at least 1, got 0", new Run("demo", "--nba-epochs", "0",
                "--out", "/tmp/never"));
    }

    private static void assertOneLineError(String expected, Run r) {
        assertEquals(2, r.code, expected + ": " + r.out + r.err);
        List<String> lines = r.err.lines().toList();
        assertEquals(2, lines.size(), r.err);
        assertEquals("error: " + expected, lines.get(0));
        assertTrue(lines.get(1).startsWith("hint: "), r.err);
    }
}

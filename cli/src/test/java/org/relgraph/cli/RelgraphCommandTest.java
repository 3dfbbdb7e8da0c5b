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
        assertTrue(lines[1].startsWith("hint: raise them, e.g. JAVA_OPTS='-Xmx16g"), lines[1]);
    }
}

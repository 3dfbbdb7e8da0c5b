package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void nonInteractiveOutputPrintsOneLinePerTenthAndEndsComplete() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressBar bar = new ProgressBar("gen", 1000, "rows", new PrintStream(bytes, true,
                StandardCharsets.UTF_8), false)) {
            for (int i = 0; i <= 1000; i++) {
                bar.update(i, 1000);
            }
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(11, lines.length, String.join("\n", lines));
        assertTrue(lines[10].contains("100%") && lines[10].contains("1,000/1,000 rows"), lines[10]);
    }

    @Test
    void formatsDurations() {
        assertEquals("0m05s", ProgressBar.formatSeconds(5));
        assertEquals("2m03s", ProgressBar.formatSeconds(123));
        assertEquals("1h01m", ProgressBar.formatSeconds(3660));
    }
}

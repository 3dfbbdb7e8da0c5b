package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.relgraph.models.audit.AuditSkipped;

class AuditOptionTest {
    @Test
    void aSkippedAuditIsAWarningWithAHintAndTheCommandGoesOn() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        new AuditOption().run(() -> {
            throw new AuditSkipped("reopening the model on a masked copy of the data needs about 4.7 GB more heap, "
                    + "and 1.5 GB is free");
        }, new PrintWriter(out), new PrintWriter(err));
        assertEquals("", out.toString());
        String[] lines = err.toString().split("\n");
        assertEquals("warning: leakage audit skipped: reopening the model on a masked copy of the data needs about "
                + "4.7 GB more heap, and 1.5 GB is free; the model is saved without it", lines[0]);
        assertTrue(lines[1].startsWith("hint: give Java a larger heap") && lines[1].contains("--no-leakage-audit"),
                lines[1]);
    }
}

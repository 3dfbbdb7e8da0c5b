package org.relgraph.models.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuditReportTest {
    private static final AuditReport REPORT = new AuditReport("auroc", 0.7978,
            List.of(new AuditReport.TableMask("TRANSACTIONS", false, 0.61, 0.1878, false)), List.of(), false, 92.5);

    /** A sampled audit's baseline differs from the val metric train prints on the whole split: the header says why. */
    @Test
    void theHeaderSaysWhenTheAuditScoredASample() {
        String header = REPORT.scoredOn(20_000, 130_412).lines().get(0);
        assertEquals("Leakage audit (val auroc 0.7978 on a sample of 20,000 of 130,412 validation rows; each table "
                + "masked in turn, 92.5 s):", header);
        assertTrue(REPORT.scoredOn(20_000, 130_412).sampled());
    }

    @Test
    void aWholeSplitOrAnUnrecordedOneIsNotCalledASample() {
        for (AuditReport r : List.of(REPORT, REPORT.scoredOn(6_535, 6_535))) {
            assertFalse(r.sampled());
            assertEquals("Leakage audit (val auroc 0.7978; each table masked in turn, 92.5 s):", r.lines().get(0));
        }
    }
}

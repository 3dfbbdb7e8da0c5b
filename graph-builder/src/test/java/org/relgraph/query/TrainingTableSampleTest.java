package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.SemanticType;
import org.relgraph.table.LongColumn;

class TrainingTableSampleTest {
    private static final LongColumn KEYS = new LongColumn("id", SemanticType.ID,
            java.util.stream.LongStream.range(0, 1000).toArray(), new java.util.BitSet());

    /** 1,000 entities at two anchors; under ARGMAX each example has three candidate rows. */
    private static TrainingTable table(boolean candidates) {
        TrainingTable.Builder b = new TrainingTable.Builder("val", candidates ? TaskType.RANKING : TaskType.BINARY,
                KEYS, false, candidates);
        for (long anchor : new long[] {100, 200}) {
            b.anchor(anchor);
            for (int e = 0; e < 1000; e++) {
                if (candidates) {
                    for (int c = 0; c < 3; c++) {
                        b.addCandidate(e, anchor, c, c == e % 3 ? 1 : 0);
                    }
                } else {
                    b.add(e, anchor, e % 7 == 0 ? 1 : 0);
                }
            }
        }
        return b.build();
    }

    @Test
    void aSampleKeepsWholeExamplesInOrderAndIsTheSameForTheSameSeed() {
        TrainingTable full = table(true);
        TrainingTable s = full.sample(300, 5);
        assertEquals(900, s.size(), "300 examples with their three candidates each");
        Set<String> examples = new HashSet<>();
        for (int i = 0; i < s.size(); i += 3) {
            for (int c = 0; c < 3; c++) {
                assertEquals(s.entityRow(i), s.entityRow(i + c));
                assertEquals(s.anchorTime(i), s.anchorTime(i + c));
                assertEquals(c, s.targetRow(i + c));
                assertEquals(c == s.entityRow(i) % 3 ? 1.0 : 0.0, s.label(i + c), "labels travel with their rows");
            }
            examples.add(s.anchorTime(i) + "/" + s.entityRow(i));
            if (i > 0) {
                long prev = s.anchorTime(i - 3) * 10_000 + s.entityRow(i - 3);
                assertTrue(prev < s.anchorTime(i) * 10_000 + s.entityRow(i), "the table's order is kept");
            }
        }
        assertEquals(300, examples.size());
        TrainingTable again = full.sample(300, 5);
        for (int i = 0; i < s.size(); i++) {
            assertEquals(s.entityRow(i), again.entityRow(i));
        }
        assertEquals(s.anchors(), full.anchors());
    }

    @Test
    void aTableNoLargerThanTheSampleIsReturnedAsItIs() {
        TrainingTable full = table(false);
        assertSame(full, full.sample(2000, 1));
        TrainingTable s = full.sample(1999, 1);
        assertEquals(1999, s.size());
        double positives = 0;
        for (int i = 0; i < s.size(); i++) {
            positives += s.label(i);
            assertEquals(s.entityRow(i) % 7 == 0 ? 1.0 : 0.0, s.label(i));
        }
        assertTrue(positives > 0);
    }
}

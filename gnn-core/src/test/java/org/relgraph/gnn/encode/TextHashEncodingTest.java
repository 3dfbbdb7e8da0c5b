package org.relgraph.gnn.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.relgraph.gnn.encode.TestTables.numeric;
import static org.relgraph.gnn.encode.TestTables.rows;
import static org.relgraph.gnn.encode.TestTables.table;
import static org.relgraph.gnn.encode.TestTables.text;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.relgraph.table.Table;

class TextHashEncodingTest {
    private final TextHashEncoding enc = new TextHashEncoding("note", 16);

    @Test
    void wordSharesSumToOneAndIgnoreCaseAndPunctuation() {
        float[] bag = enc.bagOfWords("Late payment, late FEE!");
        double sum = 0;
        for (float f : bag) {
            sum += f;
        }
        assertEquals(1.0, sum, 1e-6);
        assertEquals(0.5f, bag[enc.bucketOf("late")], 1e-6f, "2 of 4 words");
        assertArrayEquals(enc.bagOfWords("late payment late fee"), bag);
    }

    @Test
    void textsWithDifferentWordsDiffer() {
        assertEquals(false, Arrays.equals(enc.bagOfWords("refund requested"), enc.bagOfWords("card stolen")));
    }

    @Test
    void nullTextSetsTheFlagAndEmptyTextIsAllZeros() {
        Table t = table("tickets", null, text("note", "hello world", null, "  ..."));
        float[][] m = numeric(TableEncoding.fit(t, 0).bind(t).encode(rows(3), 0L));
        assertEquals(17, m[0].length);
        assertEquals(0f, m[0][16]);
        assertEquals(1f, m[1][16]);
        assertArrayEquals(new float[17], m[2]);
        assertEquals(1.0, sum(m[0]), 1e-6);
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s;
    }
}

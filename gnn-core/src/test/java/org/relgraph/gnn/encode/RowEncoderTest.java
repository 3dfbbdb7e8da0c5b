package org.relgraph.gnn.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.relgraph.gnn.encode.TestTables.booleans;
import static org.relgraph.gnn.encode.TestTables.categorical;
import static org.relgraph.gnn.encode.TestTables.numeric;
import static org.relgraph.gnn.encode.TestTables.numerical;
import static org.relgraph.gnn.encode.TestTables.table;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Table;

class RowEncoderTest {
    private static final Table LOANS = table("loans", null,
            numerical("amount", 100.0, 200.0, 300.0, 400.0),
            booleans("secured", true, false, null, true),
            categorical("purpose", "car", "home", "car", "home"));

    @Test
    void outputsFollowTheRequestedRowsAndTheLayout() {
        RowEncoder enc = TableEncoding.fit(LOANS, 0).bind(LOANS);
        EncodedBatch b = enc.encode(new int[] {2, 1, 2}, 0L);

        assertEquals(List.of("amount", "amount is missing", "secured", "secured is missing"),
                b.layout().numeric().stream().map(NumericFeature::label).toList());
        assertEquals(DataType.FLOAT, b.numeric().dataType());
        assertArrayEquals(new long[] {3, 4}, b.numeric().shape());
        float[][] m = numeric(b);
        assertArrayEquals(m[0], m[2], "same row, same encoding");
        assertEquals(1f, m[0][3], "row 2 'secured' is null");
        assertEquals(0f, m[1][2], "row 1 'secured' is false");
        assertEquals(0f, m[1][3]);
        assertArrayEquals(new int[] {2, 3, 2}, b.categoryCodes(0), "car and home seen twice each, car sorts first");
        assertEquals(4, b.vocabularySize(0));
        assertEquals(3, b.rowCount());
    }

    @Test
    void wrongArgumentsAreExplained() {
        RowEncoder enc = TableEncoding.fit(LOANS, 0).bind(LOANS);
        assertThrows(IllegalArgumentException.class, () -> enc.encode(new int[] {0, 1}, new long[] {0}));
        assertThrows(IndexOutOfBoundsException.class, () -> enc.encode(new int[] {4}, 0L));
        Table other = table("payments", null, numerical("amount", 1.0));
        assertThrows(SchemaException.class, () -> TableEncoding.fit(LOANS, 0).bind(other));
    }

    @Test
    void anEmptyBatchHasTheRightWidth() {
        EncodedBatch b = TableEncoding.fit(LOANS, 0).bind(LOANS).encode(new int[0], 0L);
        assertEquals(0, b.rowCount());
        assertEquals(0, b.categoryCodes(0).length);
    }
}

package org.relgraph.models.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreTableTest {

    @Test
    void theBuilderAppendsRowsIntoTypedColumns() {
        ScoreTable table = ScoreTable.builder()
                .column("CUSTOMER_ID", ScoreColumn.Kind.INTEGER)
                .column("RECOMMENDED_ACTION", ScoreColumn.Kind.STRING)
                .column("PROPENSITY", ScoreColumn.Kind.DOUBLE)
                .column("AS_OF", ScoreColumn.Kind.DATE)
                .addRow(17, "call", 0.75f, LocalDate.of(2025, 3, 31))
                .addRow(18L, null, null, null)
                .build();

        assertEquals(2, table.rowCount());
        assertEquals(17L, table.column(0).integer(0));
        assertEquals("call", table.column(1).string(0));
        assertEquals(0.75, table.column(2).doubleValue(0));
        assertEquals(LocalDate.of(2025, 3, 31), table.column(3).date(0));
        assertTrue(table.column(1).isNull(1));
        assertTrue(table.column(2).isNull(1));
        assertNull(table.column(3).date(1));
        assertFalse(table.column(0).isNull(1));
    }

    @Test
    void builtColumnsAreIndependentOfTheArraysTheyCameFrom() {
        double[] scores = {0.1, 0.2};
        ScoreColumn column = ScoreColumn.doubles("SCORE", scores);
        scores[0] = 9;

        assertEquals(0.1, column.doubleValue(0));
    }

    @Test
    void aValueOfTheWrongKindIsRejectedWithTheColumnName() {
        ScoreTable.Builder builder = ScoreTable.builder().column("RANK", ScoreColumn.Kind.INTEGER);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> builder.addRow(1.5));

        assertEquals("column RANK (INTEGER) expects Long or Integer, got Double 1.5", error.getMessage());
    }

    @Test
    void namesMustBeUniqueIgnoringCaseBecauseSqlTargetsIgnoreIt() {
        assertThrows(IllegalArgumentException.class, () -> new ScoreTable(List.of(
                ScoreColumn.integers("Rank", new long[] {1}), ScoreColumn.integers("RANK", new long[] {1}))));
    }

    @Test
    void columnsMustHaveEqualLength() {
        assertThrows(IllegalArgumentException.class, () -> new ScoreTable(List.of(
                ScoreColumn.integers("ID", new long[] {1, 2}), ScoreColumn.strings("NAME", new String[] {"a"}))));
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsRejected() {
        ScoreTable.Builder builder = ScoreTable.builder().column("A", ScoreColumn.Kind.STRING);

        assertThrows(IllegalArgumentException.class, () -> builder.addRow("x", "y"));
    }

    @Test
    void readingAColumnAsAnotherKindFails() {
        ScoreColumn names = ScoreColumn.strings("NAME", new String[] {"a"});

        assertThrows(IllegalStateException.class, () -> names.doubleValue(0));
    }
}

package org.relgraph.models.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TerminalTableTest {
    private static final String NL = System.lineSeparator();

    @Test
    void numbersAreRightAlignedWithFourDecimalsAndTextIsLeftAligned() {
        ScoreTable table = ScoreTable.builder()
                .column("CUSTOMER_ID", ScoreColumn.Kind.INTEGER)
                .column("NAME", ScoreColumn.Kind.STRING)
                .column("PROPENSITY", ScoreColumn.Kind.DOUBLE)
                .column("AS_OF", ScoreColumn.Kind.DATE)
                .addRow(7L, "Ann", 0.87345, LocalDate.of(2025, 3, 31))
                .addRow(12345L, "Bob", 12.5, null)
                .build();

        assertEquals(""
                + "CUSTOMER_ID  NAME  PROPENSITY  AS_OF" + NL
                + "───────────  ────  ──────────  ──────────" + NL
                + "          7  Ann       0.8735  2025-03-31" + NL
                + "      12345  Bob      12.5000" + NL, new TerminalTable().render(table));
    }

    @Test
    void longTextIsCutWithAnEllipsisAndOnlyTheTopRowsAreShown() {
        ScoreTable table = ScoreTable.builder()
                .column("ACTION", ScoreColumn.Kind.STRING)
                .addRow("offer_fixed_rate_mortgage_with_discount")
                .addRow("call")
                .addRow("email")
                .build();

        assertEquals(""
                + "ACTION" + NL
                + "──────────" + NL
                + "offer_fix…" + NL
                + "call" + NL
                + "(showing 2 of 3 rows)" + NL, new TerminalTable(2, 10).render(table));
    }

    @Test
    void wideCharactersCountAsTwoCellsAndControlCharactersAsSpaces() {
        ScoreTable table = ScoreTable.builder()
                .column("NAME", ScoreColumn.Kind.STRING)
                .column("N", ScoreColumn.Kind.INTEGER)
                .addRow("日本銀行", 1L)
                .addRow("a\nb", 2L)
                .addRow("日本銀行株式会社", 3L)
                .build();

        assertEquals(""
                // The cut name is 4 two-cell characters plus "…": 9 cells, as a tenth cell would split a character.
                + "NAME       N" + NL
                + "─────────  ─" + NL
                + "日本銀行   1" + NL
                + "a b        2" + NL
                + "日本銀行…  3" + NL, new TerminalTable(10, 10).render(table));
    }

    @Test
    void tinyAndHugeNumbersSwitchToScientificNotation() {
        ScoreTable table = ScoreTable.builder()
                .column("X", ScoreColumn.Kind.DOUBLE)
                .addRow(0.00001234)
                .addRow(3.2e15)
                .addRow(Double.NaN)
                .build();

        assertEquals(""
                + "        X" + NL
                + "─────────" + NL
                + "1.234e-05" + NL
                + "3.200e+15" + NL
                + "      NaN" + NL, new TerminalTable().render(table));
    }
}

package org.relgraph.gnn.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.gnn.encode.TestTables.categorical;
import static org.relgraph.gnn.encode.TestTables.ids;
import static org.relgraph.gnn.encode.TestTables.ms;
import static org.relgraph.gnn.encode.TestTables.numerical;
import static org.relgraph.gnn.encode.TestTables.table;
import static org.relgraph.gnn.encode.TestTables.text;
import static org.relgraph.gnn.encode.TestTables.timestamps;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.ForeignKey;
import org.relgraph.table.Table;

class TableEncodingFitTest {
    private static final long CUTOFF = ms("2024-01-31T00:00:00Z");

    /** Three January rows up to the cut-off (training period) and three February rows (after the cut-off) that look very different. */
    private static Table transactions() {
        return table("transactions", "ts",
                timestamps("ts", "2024-01-05T00:00:00Z", "2024-01-10T00:00:00Z", "2024-01-31T00:00:00Z",
                        "2024-02-02T13:30:00Z", "2024-02-03T13:30:00Z", "2024-02-04T13:30:00Z"),
                numerical("amount", 10.0, 20.0, 30.0, 9000.0, 9500.0, 9900.0),
                categorical("channel", "web", "web", "shop", "app", "app", "app"));
    }

    @Test
    void statisticsIgnoreRowsAfterTheCutoff() {
        TableEncoding enc = TableEncoding.fit(transactions(), CUTOFF);

        assertEquals(3, enc.fitRowCount());
        NumericalEncoding amount = (NumericalEncoding) enc.columns().get(1);
        assertEquals(20.0, amount.median(), "median of the January amounts only");
        assertEquals(3, amount.fitCount());
        CategoricalEncoding channel = (CategoricalEncoding) enc.columns().get(2);
        assertEquals(List.of("web"), channel.vocabulary(), "'app' only occurs after the cut-off");
        TimestampEncoding ts = (TimestampEncoding) enc.columns().get(0);
        assertFalse(ts.timeOfDay(), "the 13:30 times are all after the cut-off");
    }

    @Test
    void theCutoffRowItselfCounts() {
        TableEncoding enc = TableEncoding.fit(transactions(), ms("2024-01-10T00:00:00Z"));
        assertEquals(2, enc.fitRowCount());
        assertEquals(15.0, ((NumericalEncoding) enc.columns().get(1)).median());
    }

    @Test
    void staticTablesUseAllRows() {
        Table customers = table("customers", null,
                numerical("age", 20.0, 30.0, 40.0, 50.0, 60.0),
                categorical("segment", "a", "a", "b", "b", "b"));
        TableEncoding enc = TableEncoding.fit(customers, ms("2000-01-01T00:00:00Z"));
        assertEquals(5, enc.fitRowCount());
        assertEquals(40.0, ((NumericalEncoding) enc.columns().get(0)).median());
        assertEquals(List.of("b", "a"), ((CategoricalEncoding) enc.columns().get(1)).vocabulary());
    }

    @Test
    void rowsWithNullTimeAreLeftOutOfFitting() {
        Table t = table("events", "ts",
                timestamps("ts", "2024-01-01T00:00:00Z", null, "2024-01-02T00:00:00Z"),
                numerical("v", 1.0, 1000.0, 3.0));
        TableEncoding enc = TableEncoding.fit(t, CUTOFF);
        assertEquals(2, enc.fitRowCount());
        assertEquals(2.0, ((NumericalEncoding) enc.columns().get(1)).median());
    }

    @Test
    void keyColumnsAreNotFeaturesButTimeAndTextAre() {
        Table t = table("orders", "id", "ts", List.of(new ForeignKey("orders", "customer_id", "customers")),
                ids("id", 1, 2, 3),
                numerical("customer_id", 7.0, 8.0, 9.0),
                timestamps("ts", "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z"),
                text("note", "a b", "c", null));
        TableEncoding enc = TableEncoding.fit(t, CUTOFF);
        assertEquals(List.of("ts", "note"), enc.columns().stream().map(ColumnEncoding::column).toList());

        TableEncoding noText = TableEncoding.fit(t, CUTOFF, EncodingConfig.defaults().withHashText(false));
        assertEquals(List.of("ts"), noText.columns().stream().map(ColumnEncoding::column).toList());
    }

    @Test
    void aTableWithNoRowsBeforeTheCutoffGetsNeutralStatistics() {
        TableEncoding enc = TableEncoding.fit(transactions(), ms("2023-01-01T00:00:00Z"));
        assertEquals(0, enc.fitRowCount());
        NumericalEncoding amount = (NumericalEncoding) enc.columns().get(1);
        assertEquals(0.0, amount.median());
        assertEquals(1.0, amount.scale());
        assertTrue(((CategoricalEncoding) enc.columns().get(2)).vocabulary().isEmpty());
    }
}

package org.relgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relgraph.graph.EdgeType;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.schema.ForeignKey;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;
import org.relgraph.testdata.RandomDatabases;
import org.relgraph.testdata.TestTable;

/**
 * What a masked copy adds beside the original, estimated before it is made, against the arrays the copy and its
 * shared graph actually hold that the original's do not: links and graph to the byte.
 */
class MaskedCopyEstimateTest {
    private static Database bank() {
        Table customers = TestTable.named("customers").primaryKey("id", 1, 2, 3).time("since", 1L, 2L, 3L)
                .number("age", 30, 40, 50).build();
        Table tx = TestTable.named("tx").primaryKey("id", 1, 2, 3, 4).time("ts", 9L, 5L, null, 7L)
                .foreignKey("customer_id", "customers", 2L, 1L, 2L, 3L).build();
        return TestTable.database(customers, tx);
    }

    @Test
    void aNulledValueColumnAddsOnlyItself() {
        Database db = bank();
        MaskedCopyEstimate e = MaskedCopyEstimate.nullColumn(db, "customers", "age");
        assertEquals(0, e.linkBytes());
        assertEquals(0, e.graphBytes());
        assertEquals(Math.round(3 * (8 + 1.0 / 8)), e.columnBytes());
        assertEquals(e.columnBytes(), e.peakBytes());
        // a whole copy, as the audit counted before masked copies shared the graph: links, time orders and graph
        RowCounts counts = new RowCounts(db.tables().stream()
                .map(t -> new RowCounts.TableRows(t.name(), t.rowCount(), RowCounts.Basis.EXACT)).toList());
        MemoryEstimate whole = MemoryEstimate.of(db.schema(), counts);
        assertTrue(e.peakBytes() * 4 < whole.peakBytes() - whole.columnBytes(), e + " against " + whole);
    }

    @Test
    void anEmptiedTableAddsTheRelationsItTouches() {
        Database db = bank();
        MaskedCopyEstimate e = MaskedCopyEstimate.emptyTable(db, "tx");
        assertEquals(0, e.columnBytes());
        assertEquals(0, e.linkBytes());
        assertEquals(4 * (3 + 1), e.graphBytes(), "the customers' reverse offsets, now all empty");
        assertEquals(added(db, db.withEmptyTable("tx")), List.of(e.linkBytes(), e.graphBytes()));
    }

    /** Every table emptied and every column nulled, on random databases: links and graph exact. */
    @Test
    void linksAndGraphAreWhatTheCopyAndItsSharedGraphAddOnRandomDatabases() {
        Random rnd = new Random(9);
        for (int i = 0; i < 60; i++) {
            Database db = RandomDatabases.generate(rnd);
            for (Table t : db.tables()) {
                MaskedCopyEstimate emptied = MaskedCopyEstimate.emptyTable(db, t.name());
                assertEquals(added(db, db.withEmptyTable(t.name())),
                        List.of(emptied.linkBytes(), emptied.graphBytes()), "emptied " + t.name());
                assertTrue(emptied.peakBytes() >= emptied.retainedBytes());
                for (Column c : t.columns()) {
                    MaskedCopyEstimate nulled = MaskedCopyEstimate.nullColumn(db, t.name(), c.name());
                    Database masked = db.withNullColumn(t.name(), c.name());
                    assertEquals(added(db, masked), List.of(nulled.linkBytes(), nulled.graphBytes()),
                            t.name() + "." + c.name() + " nulled");
                    LongColumn allNull = (LongColumn) masked.table(t.name()).requireColumn(c.name());
                    long column = 8L * allNull.values().length + allNull.nulls().size() / 8;
                    assertTrue(Math.abs(nulled.columnBytes() - column) <= 8, nulled + " for " + column + " bytes");
                    assertTrue(nulled.peakBytes() >= nulled.retainedBytes());
                }
            }
        }
    }

    /**
     * The links and the graph arrays of {@code masked} and its graph built sharing {@code db}'s that {@code db} and
     * its graph do not hold: the parent rows, CSRs and node times that are new objects.
     */
    private static List<Long> added(Database db, Database masked) {
        HeteroGraph graph = HeteroGraph.build(db);
        HeteroGraph copy = HeteroGraph.build(masked, graph);
        long links = 0;
        for (ForeignKey fk : db.schema().foreignKeys()) {
            links += masked.parentRows(fk) == db.parentRows(fk) ? 0 : 4L * masked.parentRows(fk).length;
        }
        Map<Object, Boolean> held = new IdentityHashMap<>();
        graph.edgeTypes().forEach(e -> held.put(graph.csr(e), true));
        long bytes = 0;
        for (EdgeType e : copy.edgeTypes()) {
            bytes += held.containsKey(copy.csr(e)) ? 0 : copy.csr(e).memoryBytes();
        }
        for (Table t : masked.tables()) {
            long[] times = copy.nodeTimes(t.name());
            boolean columnsOwn = t.timeColumn().map(c -> c.values() == times).orElse(true);
            bytes += times == null || columnsOwn || times == graph.nodeTimes(t.name()) ? 0 : 8L * times.length;
        }
        return List.of(links, bytes);
    }
}

package org.relgraph.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.ForeignKey;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.Table;
import org.relgraph.testdata.RandomDatabases;
import org.relgraph.testdata.TestTable;

/**
 * The graph of a masked copy (the leakage audit's) built sharing the original's: every CSR the mask leaves alone is
 * the original's very object, and the graph equals one built from scratch.
 */
class MaskedGraphTest {
    private static final EdgeType TX = new EdgeType("tx", "customer_id", "customers");
    private static final EdgeType REV_TX = new EdgeType("customers", "rev_customer_id", "tx");
    private static final EdgeType VISITS = new EdgeType("visits", "customer_id", "customers");
    private static final EdgeType REV_VISITS = new EdgeType("customers", "rev_customer_id", "visits");

    /** Customers with a value column; transactions (one time null) and visits, both timed, link to them. */
    private static Database bank() {
        Table customers = TestTable.named("customers").primaryKey("id", 1, 2, 3).time("since", 1L, 2L, 3L)
                .number("age", 30, 40, 50).build();
        Table tx = TestTable.named("tx").primaryKey("id", 1, 2, 3, 4).time("ts", 9L, 5L, null, 7L)
                .foreignKey("customer_id", "customers", 2L, 1L, 2L, 3L).build();
        Table visits = TestTable.named("visits").primaryKey("id", 1, 2).time("ts", 5L, 6L)
                .foreignKey("customer_id", "customers", 1L, 1L).build();
        return TestTable.database(customers, tx, visits);
    }

    @Test
    void aNulledValueColumnSharesTheWholeGraph() {
        Database db = bank();
        HeteroGraph graph = HeteroGraph.build(db);
        Database masked = db.withNullColumn("customers", "age");
        HeteroGraph shared = HeteroGraph.build(masked, graph);
        for (EdgeType e : graph.edgeTypes()) {
            assertSame(graph.csr(e), shared.csr(e), e.toString());
        }
        for (String t : graph.nodeTypes()) {
            assertSame(graph.nodeTimes(t), shared.nodeTimes(t), t); // tx's times are a copy (a null time): shared too
        }
    }

    @Test
    void anEmptiedTableBuildsOnlyItsOwnRelations() {
        Database db = bank();
        HeteroGraph graph = HeteroGraph.build(db);
        HeteroGraph noVisits = HeteroGraph.build(db.withEmptyTable("visits"), graph);
        assertSame(graph.csr(TX), noVisits.csr(TX));
        assertSame(graph.csr(REV_TX), noVisits.csr(REV_TX));
        assertEquals(0, noVisits.csr(VISITS).edgeCount());
        assertArrayEquals(new int[] {0, 0, 0, 0}, noVisits.csr(REV_VISITS).offsets());
        assertEquals(noVisits.edgeCount(), graph.edgeCount() - 4);

        HeteroGraph noCustomers = HeteroGraph.build(db.withEmptyTable("customers"), graph);
        assertEquals(0, noCustomers.edgeCount(), "a parent emptied leaves its children unlinked");
        assertEquals(4, noCustomers.csr(TX).sourceCount());
    }

    @Test
    void aNulledTimeColumnBuildsTheRelationsItTimesAgain() {
        Database db = bank();
        HeteroGraph graph = HeteroGraph.build(db);
        HeteroGraph untimed = HeteroGraph.build(db.withNullColumn("visits", "ts"), graph);
        assertSame(graph.csr(TX), untimed.csr(TX));
        assertSame(graph.csr(REV_TX), untimed.csr(REV_TX));
        assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, untimed.csr(VISITS).times());
        assertArrayEquals(new long[] {Long.MAX_VALUE, Long.MAX_VALUE}, untimed.csr(REV_VISITS).times());

        // the parent's time decides only whether a parent is ever later than its edge: the forward edges
        HeteroGraph parentUntimed = HeteroGraph.build(db.withNullColumn("customers", "since"), graph);
        assertNotSame(graph.csr(TX), parentUntimed.csr(TX));
        assertSame(graph.csr(REV_TX), parentUntimed.csr(REV_TX));
    }

    /**
     * On random databases (null and dangling keys, null times, a self-reference, two keys between two tables), every
     * table emptied and every column nulled in turn: the shared graph equals one built from scratch, and shares each
     * CSR whose parent rows and time columns the mask left alone.
     */
    @Test
    void everyMaskOfRandomDatabasesGivesTheGraphBuiltFromScratch() {
        Random rnd = new Random(20);
        for (int i = 0; i < 60; i++) {
            Database db = RandomDatabases.generate(rnd);
            HeteroGraph graph = HeteroGraph.build(db);
            for (Table t : db.tables()) {
                check(db, graph, db.withEmptyTable(t.name()));
                for (Column c : t.columns()) {
                    check(db, graph, db.withNullColumn(t.name(), c.name()));
                }
            }
        }
    }

    private static void check(Database db, HeteroGraph graph, Database masked) {
        HeteroGraph shared = HeteroGraph.build(masked, graph);
        HeteroGraph scratch = HeteroGraph.build(masked);
        assertEquals(scratch.edgeTypes(), shared.edgeTypes());
        for (String t : scratch.nodeTypes()) {
            assertEquals(scratch.nodeCount(t), shared.nodeCount(t));
            assertArrayEquals(scratch.nodeTimes(t), shared.nodeTimes(t), t);
        }
        for (ForeignKey fk : db.schema().foreignKeys()) {
            EdgeType forward = new EdgeType(fk.table(), fk.column(), fk.referencedTable());
            for (EdgeType e : List.of(forward, scratch.reverse(forward))) {
                assertSameEdges(scratch.csr(e), shared.csr(e), e);
            }
            boolean linksKept = masked.parentRows(fk) == db.parentRows(fk);
            boolean childTimesKept = masked.table(fk.table()).timeColumn().orElse(null)
                    == db.table(fk.table()).timeColumn().orElse(null);
            if (linksKept && childTimesKept) {
                assertSame(graph.csr(scratch.reverse(forward)), shared.csr(scratch.reverse(forward)), fk.toString());
            }
        }
    }

    private static void assertSameEdges(TemporalCsr expected, TemporalCsr actual, EdgeType e) {
        String what = e.toString();
        assertEquals(expected.sourceCount(), actual.sourceCount(), what);
        assertEquals(expected.keyHolder(), actual.keyHolder(), what);
        assertEquals(expected.targetsNeverLaterThanEdges(), actual.targetsNeverLaterThanEdges(), what);
        assertEquals(expected.oneEdgePerSource(), actual.oneEdgePerSource(), what);
        assertArrayEquals(expected.offsets(), actual.offsets(), what);
        assertArrayEquals(expected.targets(), actual.targets(), what);
        assertArrayEquals(expected.times(), actual.times(), what);
    }
}

package org.relgraph.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;
import org.relgraph.testdata.RandomDatabases;
import org.relgraph.testdata.TestTable;

class HeteroGraphTest {
    private static final EdgeType TX_TO_CUSTOMER = new EdgeType("transactions", "customer_id", "customers");
    private static final EdgeType CUSTOMER_TO_TX = new EdgeType("customers", "rev_customer_id", "transactions");

    /** customers 100, 200, 300 (static); six transactions, one with a null key and one with a dangling key. */
    private static Database bank() {
        Table customers = TestTable.named("customers").primaryKey("id", 100, 200, 300).build();
        Table transactions = TestTable.named("transactions").primaryKey("id", 1, 2, 3, 4, 5, 6)
                .time("ts", 50L, 10L, 30L, 10L, 20L, 40L)
                .foreignKey("customer_id", "customers", 100L, 300L, 100L, null, 999L, 100L)
                .build();
        return TestTable.database(customers, transactions);
    }

    @Test
    void forwardEdgesLinkEachChildToItsParentAndSkipNullAndDanglingKeys() {
        HeteroGraph g = HeteroGraph.build(bank());
        TemporalCsr fwd = g.csr(TX_TO_CUSTOMER);

        assertArrayEquals(new int[] {0, 1, 2, 3, 3, 3, 4}, fwd.offsets());
        assertArrayEquals(new int[] {0, 2, 0, 0}, fwd.targets());
        assertArrayEquals(new long[] {50, 10, 30, 40}, fwd.times());
    }

    @Test
    void reverseEdgesListChildrenByTimeAscending() {
        HeteroGraph g = HeteroGraph.build(bank());
        TemporalCsr rev = g.csr(CUSTOMER_TO_TX);

        assertArrayEquals(new int[] {0, 3, 3, 4}, rev.offsets());
        assertArrayEquals(new int[] {2, 5, 0, 1}, rev.targets());
        assertArrayEquals(new long[] {30, 40, 50, 10}, rev.times());
        assertEquals(TX_TO_CUSTOMER, g.reverse(CUSTOMER_TO_TX));
        assertEquals(CUSTOMER_TO_TX, g.reverse(TX_TO_CUSTOMER));
    }

    @Test
    void countAtOrBeforeIsInclusiveOfTheCutTime() {
        HeteroGraph g = HeteroGraph.build(bank());
        assertEquals(0, g.countAtOrBefore(CUSTOMER_TO_TX, 0, 29));
        assertEquals(1, g.countAtOrBefore(CUSTOMER_TO_TX, 0, 30));
        assertEquals(2, g.countAtOrBefore(CUSTOMER_TO_TX, 0, 49));
        assertEquals(3, g.countAtOrBefore(CUSTOMER_TO_TX, 0, Long.MAX_VALUE));
        assertEquals(0, g.countAtOrBefore(CUSTOMER_TO_TX, 1, Long.MAX_VALUE));
    }

    @Test
    void staticChildEdgesHaveNoTimeArrayAndAreAlwaysVisible() {
        Table accounts = TestTable.named("accounts").primaryKey("id", 1, 2).build();
        Table cards = TestTable.named("cards").primaryKey("id", 7, 8, 9)
                .foreignKey("account_id", "accounts", 2L, 2L, 1L).build();
        HeteroGraph g = HeteroGraph.build(TestTable.database(accounts, cards));
        TemporalCsr rev = g.csr(new EdgeType("accounts", "rev_account_id", "cards"));

        assertNull(rev.times());
        assertEquals(Long.MIN_VALUE, rev.time(0));
        assertEquals(2, rev.countAtOrBefore(1, Long.MIN_VALUE));
        assertArrayEquals(new int[] {2, 0, 1}, rev.targets());
        assertTrue(g.isStatic("cards"));
    }

    @Test
    void completeForeignKeysAreRecognisedAsOneEdgePerSource() {
        HeteroGraph g = HeteroGraph.build(bank());
        assertFalse(g.csr(TX_TO_CUSTOMER).oneEdgePerSource(), "bank() has a null and a dangling key");

        Table customers = TestTable.named("customers").primaryKey("id", 1, 2).build();
        Table tx = TestTable.named("tx").primaryKey("id", 1, 2, 3).time("ts", 3L, 2L, 1L)
                .foreignKey("customer_id", "customers", 2L, 1L, 2L).build();
        g = HeteroGraph.build(TestTable.database(customers, tx));
        assertTrue(g.csr(new EdgeType("tx", "customer_id", "customers")).oneEdgePerSource());
        assertFalse(g.csr(new EdgeType("customers", "rev_customer_id", "tx")).oneEdgePerSource());
    }

    /** At 100M transactions copying them would cost 1.6 GB of heap for values the database already holds. */
    @Test
    void forwardEdgesOfACompleteForeignKeyShareTheParentRowsAndTimesInsteadOfCopyingThem() {
        Table customers = TestTable.named("customers").primaryKey("id", 1, 2).build();
        Table tx = TestTable.named("tx").primaryKey("id", 1, 2, 3).time("ts", 3L, 2L, 1L)
                .foreignKey("customer_id", "customers", 2L, 1L, 2L).build();
        Database db = TestTable.database(customers, tx);
        HeteroGraph g = HeteroGraph.build(db);
        TemporalCsr forward = g.csr(new EdgeType("tx", "customer_id", "customers"));
        assertSame(db.parentRows(db.schema().foreignKeys().get(0)), forward.targets());
        assertSame(((LongColumn) db.table("tx").requireColumn("ts")).values(), forward.times());
        assertEquals(0, forward.memoryBytes(), "it owns no array: not even offsets, the edge of row r is at r");
        assertEquals(null, forward.offsets());
        assertEquals(1, forward.degree(2));
        assertEquals(new DegreeStats(3, 3, 1, 1.0, 1, 1, 1), forward.degreeStats());
        assertEquals(3L, forward.time(0));
        assertEquals(1, forward.target(0));
    }

    @Test
    void rowsWithNullTimeAreNeverVisible() {
        Table customers = TestTable.named("customers").primaryKey("id", 1).build();
        Table tx = TestTable.named("tx").primaryKey("id", 1, 2).time("ts", null, 5L)
                .foreignKey("customer_id", "customers", 1L, 1L).build();
        HeteroGraph g = HeteroGraph.build(TestTable.database(customers, tx));

        assertEquals(Long.MAX_VALUE, g.nodeTimes("tx")[0]);
        TemporalCsr rev = g.csr(new EdgeType("customers", "rev_customer_id", "tx"));
        assertArrayEquals(new int[] {1, 0}, rev.targets());
        assertEquals(1, rev.countAtOrBefore(0, Long.MAX_VALUE - 1));
    }

    @Test
    void parentLaterThanItsChildIsFlaggedSoSamplersCheckNodeTimes() {
        Table customers = TestTable.named("customers").primaryKey("id", 1, 2).time("since", 0L, 100L).build();
        Table tx = TestTable.named("tx").primaryKey("id", 1, 2).time("ts", 10L, 50L)
                .foreignKey("customer_id", "customers", 1L, 2L).build();
        HeteroGraph g = HeteroGraph.build(TestTable.database(customers, tx));

        assertFalse(g.csr(new EdgeType("tx", "customer_id", "customers")).targetsNeverLaterThanEdges());
        assertTrue(g.csr(new EdgeType("customers", "rev_customer_id", "tx")).targetsNeverLaterThanEdges());
    }

    @Test
    void edgeTypeNameCollisionIsReportedWithAHint() {
        Table a = TestTable.named("a").primaryKey("id", 1).foreignKey("x", "b", 1L).build();
        Table b = TestTable.named("b").primaryKey("id", 1).foreignKey("rev_x", "a", 1L).build();
        SchemaException e = assertThrows(SchemaException.class, () -> HeteroGraph.build(TestTable.database(a, b)));
        assertTrue(e.getMessage().contains("b -[rev_x]-> a"), e.getMessage());
        assertTrue(e.hint().contains("rename"), e.hint());
    }

    @Test
    void memoryIsTwelveBytesPerTimedEdgePlusOffsetsAndNodeTimes() {
        HeteroGraph g = HeteroGraph.build(bank());
        long forward = 4 * 7 + 12 * 4;
        long reverse = 4 * 4 + 12 * 4;
        long nodeTimes = 8 * 6;
        assertEquals(forward + reverse + nodeTimes, g.memoryBytes());
        assertEquals(8, g.edgeCount());
    }

    @Test
    void degreeStatsCountZeroDegreeSources() {
        DegreeStats s = HeteroGraph.build(bank()).degreeStats(CUSTOMER_TO_TX);
        assertEquals(new DegreeStats(3, 4, 0, 4.0 / 3, 1, 3, 3), s);
    }

    @Test
    void degreeStatsUseNearestRankPercentiles() {
        int[] offsets = new int[101];
        for (int v = 0; v < 100; v++) {
            offsets[v + 1] = offsets[v] + (v < 98 ? 1 : 50);
        }
        DegreeStats s = DegreeStats.fromOffsets(offsets);
        assertEquals(1, s.min());
        assertEquals(1, s.median());
        assertEquals(50, s.p99());
        assertEquals(50, s.max());
        assertEquals(1.98, s.mean(), 1e-12);
    }

    @Test
    void matchesNaiveConstructionOnRandomDatabases() {
        for (int seed = 0; seed < 200; seed++) {
            Database db = RandomDatabases.generate(new Random(seed));
            HeteroGraph g = HeteroGraph.build(db);
            assertEquals(2 * db.schema().foreignKeys().size(), g.edgeTypes().size());
            for (ForeignKey fk : db.schema().foreignKeys()) {
                String context = "seed " + seed + ", " + fk;
                long[] childTimes = g.nodeTimes(fk.table());
                int[] parents = db.parentRows(fk);
                int parentCount = db.table(fk.referencedTable()).rowCount();
                EdgeType fwd = new EdgeType(fk.table(), fk.column(), fk.referencedTable());
                assertCsrEquals(naive(parents, parentCount, childTimes, true), g.csr(fwd), context + " forward");
                EdgeType rev = g.reverse(fwd);
                assertEquals(new EdgeType(fk.referencedTable(), "rev_" + fk.column(), fk.table()), rev);
                assertCsrEquals(naive(parents, parentCount, childTimes, false), g.csr(rev), context + " reverse");
            }
        }
    }

    private record Edge(int src, int dst, long time) {
    }

    /** Edges straight from the definition: one per resolved key, grouped by source, sorted (time, target). */
    private static List<List<Edge>> naive(int[] parents, int parentCount, long[] childTimes, boolean forward) {
        List<List<Edge>> bySource = new ArrayList<>();
        for (int i = 0; i < (forward ? parents.length : parentCount); i++) {
            bySource.add(new ArrayList<>());
        }
        for (int c = 0; c < parents.length; c++) {
            if (parents[c] < 0) {
                continue;
            }
            long t = childTimes == null ? Long.MIN_VALUE : childTimes[c];
            Edge e = forward ? new Edge(c, parents[c], t) : new Edge(parents[c], c, t);
            bySource.get(e.src()).add(e);
        }
        bySource.forEach(l -> l.sort(Comparator.comparingLong(Edge::time).thenComparingInt(Edge::dst)));
        return bySource;
    }

    private static void assertCsrEquals(List<List<Edge>> expected, TemporalCsr csr, String context) {
        assertEquals(expected.size(), csr.sourceCount(), context);
        for (int v = 0; v < expected.size(); v++) {
            List<Edge> edges = expected.get(v);
            assertEquals(edges.size(), csr.degree(v), context + " degree of " + v);
            for (int i = 0; i < edges.size(); i++) {
                assertEquals(edges.get(i).dst(), csr.target(csr.start(v) + i), context + " node " + v);
                assertEquals(edges.get(i).time(), csr.time(csr.start(v) + i), context + " node " + v);
            }
            for (Edge probe : edges) {
                long t = probe.time();
                long visible = edges.stream().filter(e -> e.time() <= t).count();
                assertEquals(visible, csr.countAtOrBefore(v, t), context + " count at " + t);
                if (t != Long.MIN_VALUE) {
                    long before = edges.stream().filter(e -> e.time() < t).count();
                    assertEquals(before, csr.countAtOrBefore(v, t - 1), context + " count before " + t);
                }
            }
        }
    }
}

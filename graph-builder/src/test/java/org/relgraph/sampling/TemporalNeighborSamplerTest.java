package org.relgraph.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.relgraph.graph.EdgeType;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.sampling.SamplerConfig.Strategy;
import org.relgraph.table.Table;
import org.relgraph.testdata.TestTable;

class TemporalNeighborSamplerTest {
    /** Messages from a transaction to the customer that sampled it. */
    private static final EdgeType TX_TO_CUSTOMER = new EdgeType("transactions", "customer_id", "customers");
    private static final EdgeType CUSTOMER_TO_TX = new EdgeType("customers", "rev_customer_id", "transactions");

    /**
     * Customer 0 (row 0, since t=0) has ten transactions at t = 10, 20, ..., 100 (rows 0..9); customer 1
     * (since t=500) has none; the branch table is static.
     */
    private static HeteroGraph bank() {
        Table branches = TestTable.named("branches").primaryKey("id", 1, 2).build();
        Table customers = TestTable.named("customers").primaryKey("id", 100, 200).time("since", 0L, 500L)
                .foreignKey("branch_id", "branches", 2L, 2L).build();
        Long[] times = new Long[10];
        Long[] owners = new Long[10];
        long[] ids = new long[10];
        for (int i = 0; i < 10; i++) {
            times[i] = 10L * (i + 1);
            owners[i] = 100L;
            ids[i] = i;
        }
        Table tx = TestTable.named("transactions").primaryKey("id", ids).time("ts", times)
                .foreignKey("customer_id", "customers", owners).build();
        return HeteroGraph.build(TestTable.database(branches, customers, tx));
    }

    private static SampledSubgraph sample(HeteroGraph g, SamplerConfig c, String type, int[] nodes, long[] times) {
        return new TemporalNeighborSampler(g, c).sample(type, nodes, times);
    }

    private static int[] sampledTransactions(SampledSubgraph sub) {
        SampledEdges e = sub.edges(TX_TO_CUSTOMER);
        int[] rows = new int[e.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = sub.nodes("transactions").globalIds()[e.srcLocal()[i]];
        }
        Arrays.sort(rows);
        return rows;
    }

    @Test
    void messagesFlowFromTheSampledNeighbourToTheNodeThatSampledIt() {
        SampledSubgraph sub = sample(bank(), new SamplerConfig(new int[] {3}, Strategy.MOST_RECENT, 1), "customers",
                new int[] {0}, new long[] {55});

        SampledEdges e = sub.edges(TX_TO_CUSTOMER);
        assertEquals(3, e.size());
        SampledNodes tx = sub.nodes("transactions");
        for (int i = 0; i < e.size(); i++) {
            assertEquals(0, e.dstLocal()[i], "dst is the seed customer");
            assertEquals(1, tx.hop()[e.srcLocal()[i]]);
        }
        assertArrayEquals(new int[] {2, 3, 4}, sampledTransactions(sub), "t=30,40,50: the latest at or before 55");
        assertEquals(0, sub.edges(CUSTOMER_TO_TX).size(), "transactions sampled nothing: only one hop");
    }

    @Test
    void relativeTimeIsSeedTimeMinusNodeTimeAndZeroForStaticTypes() {
        SampledSubgraph sub = sample(bank(), new SamplerConfig(new int[] {1, 0}, Strategy.MOST_RECENT, 1),
                "customers", new int[] {0}, new long[] {55});

        assertArrayEquals(new long[] {55}, sub.nodes("customers").relativeTime());
        assertArrayEquals(new long[] {5}, sub.nodes("transactions").relativeTime(), "transaction at t=50");
        SampledNodes branches = sub.nodes("branches");
        assertFalse(branches.timed());
        assertArrayEquals(new int[] {1}, branches.globalIds());
        assertArrayEquals(new long[] {0}, branches.relativeTime());
    }

    @Test
    void emptyNeighbourhoodYieldsOnlyTheSeeds() {
        SampledSubgraph sub = sample(bank(), new SamplerConfig(new int[] {5}, Strategy.UNIFORM, 1), "customers",
                new int[] {0, 1}, new long[] {5, 600});

        assertArrayEquals(new int[] {0, 1}, sub.nodes("customers").globalIds());
        assertEquals(0, sub.nodes("transactions").size(), "customer 0 has nothing before t=10, customer 1 none");
        assertEquals(2, sub.nodes("branches").size(), "the static branch is visible to both seeds");
    }

    @Test
    void fanoutLargerThanDegreeTakesEveryVisibleNeighbour() {
        SampledSubgraph sub = sample(bank(), new SamplerConfig(new int[] {50}, Strategy.UNIFORM, 3), "customers",
                new int[] {0}, new long[] {70});
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, sampledTransactions(sub));
    }

    @Test
    void staticSeedTypeSeesStaticNeighboursAtAnyTime() {
        SampledSubgraph sub = sample(bank(), new SamplerConfig(new int[] {5}, Strategy.UNIFORM, 3), "branches",
                new int[] {1}, new long[] {Long.MIN_VALUE + 1});
        assertEquals(0, sub.nodes("customers").size(), "customers since t>=0 do not exist at the seed time");

        sub = sample(bank(), new SamplerConfig(new int[] {5}, Strategy.UNIFORM, 3), "branches",
                new int[] {1}, new long[] {1000});
        assertArrayEquals(new int[] {0, 1}, Arrays.stream(sub.nodes("customers").globalIds()).sorted().toArray());
    }

    @Test
    void sameSeedGivesTheSameSampleAndADifferentSeedADifferentOne() {
        HeteroGraph g = bank();
        SamplerConfig config = new SamplerConfig(new int[] {4}, Strategy.UNIFORM, 42);
        TemporalNeighborSampler reused = new TemporalNeighborSampler(g, config);
        int[] first = sampledTransactions(reused.sample("customers", new int[] {0}, new long[] {100}));
        reused.sample("customers", new int[] {1, 0}, new long[] {700, 30});
        int[] again = sampledTransactions(reused.sample("customers", new int[] {0}, new long[] {100}));
        int[] fresh = sampledTransactions(sample(g, config, "customers", new int[] {0}, new long[] {100}));
        assertArrayEquals(first, again);
        assertArrayEquals(first, fresh);

        boolean anyDifferent = false;
        for (long seed = 0; seed < 10 && !anyDifferent; seed++) {
            int[] other = sampledTransactions(sample(g, config.withSeed(seed), "customers", new int[] {0},
                    new long[] {100}));
            anyDifferent = !Arrays.equals(first, other);
        }
        assertTrue(anyDifferent, "10 other seeds all drew the same 4 of 10 transactions");
    }

    @Test
    void aSeedsSubgraphDoesNotDependOnTheRestOfItsBatch() {
        HeteroGraph g = bank();
        SamplerConfig config = new SamplerConfig(new int[] {3, 2}, Strategy.UNIFORM, 9);
        SampledSubgraph alone = sample(g, config, "customers", new int[] {0}, new long[] {100});
        SampledSubgraph batch = sample(g, config, "customers", new int[] {0, 0, 1}, new long[] {40, 100, 900});

        SampledNodes a = alone.nodes("transactions");
        SampledNodes b = batch.nodes("transactions");
        int[] fromBatch = new int[a.size()];
        int n = 0;
        for (int i = 0; i < b.size(); i++) {
            if (b.seedIndex()[i] == 1) {
                fromBatch[n++] = b.globalIds()[i];
            }
        }
        assertEquals(a.size(), n);
        assertArrayEquals(a.globalIds(), fromBatch);
    }

    @Test
    void uniformPicksEveryNeighbourEquallyOften() {
        HeteroGraph g = bank();
        int seeds = 5000;
        int[] nodes = new int[seeds];
        long[] times = new long[seeds];
        for (int i = 0; i < seeds; i++) {
            times[i] = 1000 + i;
        }
        SampledSubgraph sub = sample(g, new SamplerConfig(new int[] {2}, Strategy.UNIFORM, 5), "customers", nodes,
                times);
        int[] hits = new int[10];
        for (int row : sub.nodes("transactions").globalIds()) {
            hits[row]++;
        }
        // Each of 10 transactions is picked with probability 2/10: expect 1000, standard deviation ~28.
        for (int row = 0; row < 10; row++) {
            assertTrue(Math.abs(hits[row] - 1000) < 150, "transaction " + row + " picked " + hits[row] + " times");
        }
    }

    @Test
    void rejectsASeedTimeBeforeTheSeedRowExists() {
        TemporalNeighborSampler s = new TemporalNeighborSampler(bank(), new SamplerConfig(new int[] {1},
                Strategy.UNIFORM, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.sample("customers", new int[] {1}, new long[] {499}));
        assertTrue(e.getMessage().contains("after its seed time 499"), e.getMessage());
    }

    @Test
    void rejectsBadSeedsWithAClearMessage() {
        TemporalNeighborSampler s = new TemporalNeighborSampler(bank(), new SamplerConfig(new int[] {1},
                Strategy.UNIFORM, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.sample("clients", new int[] {0},
                new long[] {0})).getMessage().contains("tables are"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.sample("customers", new int[] {2},
                new long[] {0})).getMessage().contains("has 2 rows"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.sample("customers", new int[] {0},
                new long[] {0, 1})).getMessage().contains("one time per seed"));
        assertThrows(IllegalArgumentException.class, () -> new SamplerConfig(new int[0], Strategy.UNIFORM, 1));
        assertThrows(IllegalArgumentException.class, () -> new SamplerConfig(new int[] {2, -1}, Strategy.UNIFORM, 1));
    }
}

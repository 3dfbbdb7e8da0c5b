package org.relgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relgraph.schema.SchemaException;

class MemoryPlanTest {
    private static final long MB = 1L << 20;
    private static final long GB = 1L << 30;

    /** The launcher's defaults on this project's 24 GiB machine: heap 60 %, javacpp maxbytes 17 % of the heap. */
    @Test
    void duckDbGetsWhatTheHeapOffHeapSystemAndJvmLeave() {
        long machine = 24 * GB;
        long heap = machine * 60 / 100;
        MemoryPlan plan = MemoryPlan.of(machine, heap, "17%", null, 2);
        assertEquals((long) (0.17 * heap), plan.offHeapBytes());
        long expected = machine - heap - plan.offHeapBytes() - machine / 10 - (512 * MB + heap / 32);
        assertEquals(expected, plan.duckDbBytes());
        assertTrue(plan.heapBytes() + plan.offHeapBytes() + plan.duckDbBytes() < machine * 9 / 10,
                "the three shares leave the system its tenth");
    }

    @Test
    void duckDbsShareStaysWithinItsFloorAndCeiling() {
        assertEquals(256 * MB, MemoryPlan.of(4 * GB, 3 * GB, null, null, 2).duckDbBytes(),
                "javacpp's default off-heap (= the heap) leaves nothing: DuckDB still gets its floor");
        assertEquals(8 * GB, MemoryPlan.of(256 * GB, 16 * GB, "2g", null, 64).duckDbBytes());
    }

    @Test
    void settingsOverrideTheComputedShares() {
        MemoryPlan plan = MemoryPlan.of(24 * GB, 4 * GB, "2g", "1536m", 2);
        assertEquals(2 * GB, plan.offHeapBytes());
        assertEquals(1536 * MB, plan.duckDbBytes());
        assertEquals("1536MiB", plan.duckDbLimitSql());
        assertEquals(12 * GB, MemoryPlan.of(24 * GB, 4 * GB, null, "50%", 2).duckDbBytes());
        assertEquals(123, MemoryPlan.parseSize("123", 0, "x"));
    }

    @Test
    void aSizeThatIsNotOneIsAnErrorNamingTheSetting() {
        SchemaException e = assertThrows(SchemaException.class,
                () -> MemoryPlan.of(24 * GB, 4 * GB, null, "lots", 2));
        assertTrue(e.getMessage().contains("-Drelgraph.duckdb.memory=lots is not a size"), e.getMessage());
        assertTrue(e.hint().contains("2g"), e.hint());
    }

    @Test
    void describeSaysWhatWasChosenAndHowToOverrideIt() {
        String line = MemoryPlan.of(24 * GB, 14 * GB + 400 * MB, null, "3g", 2).describe();
        assertEquals("memory: Java heap 14.4 GB (" + MemoryPlan.collector() + " collector), ND4J off-heap 14.4 GB, "
                + "DuckDB 3.0 GB, 2 threads (of 24.0 GB RAM; JAVA_OPTS overrides)", line);
    }

    @Test
    void collectorNamesFromTheJvmsBeans() {
        assertEquals("G1", MemoryPlan.collectorName(java.util.List.of("G1 Young Generation", "G1 Old Generation")));
        assertEquals("serial", MemoryPlan.collectorName(java.util.List.of("Copy", "MarkSweepCompact")));
        assertEquals("parallel", MemoryPlan.collectorName(java.util.List.of("PS Scavenge", "PS MarkSweep")));
        assertEquals("Epsilon", MemoryPlan.collectorName(java.util.List.of("Epsilon")));
    }
}

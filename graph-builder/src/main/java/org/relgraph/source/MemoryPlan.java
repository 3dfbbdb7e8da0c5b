package org.relgraph.source;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.relgraph.io.ByteSizes;

/**
 * How this process divides the machine's memory: the Java heap (tables, graph, labels), ND4J's off-heap buffers
 * (training batches and weights) and the embedded DuckDB (reading files, flat features). The launcher sizes the
 * first two from the machine (JAVA_OPTS overrides); DuckDB gets what is left after them and a reserve, so that
 * the three together stay inside the machine and a load that does not fit ends with an out-of-memory message,
 * never with the kernel killing the process.
 *
 * <p>{@code -Drelgraph.duckdb.memory=SIZE} (e.g. {@code 2g}) overrides DuckDB's share.
 */
public record MemoryPlan(long machineBytes, long heapBytes, long offHeapBytes, long duckDbBytes, int threads) {
    /** Property that overrides DuckDB's memory limit; a size like {@code 512m} or {@code 2g}. */
    public static final String DUCKDB_MEMORY_PROPERTY = "relgraph.duckdb.memory";
    /** javacpp's limit on ND4J's off-heap bytes: a size, or a percentage of the heap. Default: the heap. */
    static final String OFF_HEAP_PROPERTY = "org.bytedeco.javacpp.maxbytes";
    private static final long MB = 1L << 20;
    private static final long GB = 1L << 30;
    /** DuckDB streams what relgraph asks of it; below this even a small join spills. */
    private static final long DUCKDB_MIN = 256 * MB;
    /** Past a few GB DuckDB only caches more; the heap needs the memory more. */
    private static final long DUCKDB_MAX = 8 * GB;

    private static MemoryPlan current;

    /** The plan of this process, computed once from the machine and the JVM's limits. */
    public static synchronized MemoryPlan current() {
        if (current == null) {
            current = of(machineMemory(), Runtime.getRuntime().maxMemory(), System.getProperty(OFF_HEAP_PROPERTY),
                    System.getProperty(DUCKDB_MEMORY_PROPERTY), Runtime.getRuntime().availableProcessors());
        }
        return current;
    }

    /**
     * The plan for a machine. DuckDB gets the machine less the heap, the off-heap limit, a tenth of the machine
     * for the system and page cache, and the JVM's own native memory (code, metaspace, GC structures: about
     * 0.5 GB and 3 % of the heap, measured with NativeMemoryTracking), within [256 MB, 8 GB].
     *
     * @param offHeapSetting javacpp's maxbytes setting as given, or null for its default (the heap)
     * @param duckDbSetting the override of DuckDB's limit, or null
     */
    static MemoryPlan of(long machine, long heap, String offHeapSetting, String duckDbSetting, int threads) {
        long offHeap = offHeapSetting == null ? heap : parseSize(offHeapSetting, heap, OFF_HEAP_PROPERTY);
        long duck;
        if (duckDbSetting != null) {
            duck = parseSize(duckDbSetting, machine, DUCKDB_MEMORY_PROPERTY);
        } else {
            long jvmNative = 512 * MB + heap / 32;
            long left = machine - heap - offHeap - machine / 10 - jvmNative;
            duck = Math.max(DUCKDB_MIN, Math.min(DUCKDB_MAX, left));
        }
        return new MemoryPlan(machine, heap, offHeap, duck, Math.max(1, threads));
    }

    /** The machine's memory, or the container's limit when it is lower (the JVM reports the smaller). */
    static long machineMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory() * 4; // the JVM's default heap is a quarter of the machine
    }

    /** A size as javacpp and the JVM write it: bytes, or a number with k/m/g/t, or a percentage of {@code whole}. */
    static long parseSize(String text, long whole, String setting) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("%")) {
                return (long) (Double.parseDouble(t.substring(0, t.length() - 1)) / 100 * whole);
            }
            long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> MB;
                case 'g' -> GB;
                case 't' -> 1L << 40;
                default -> 1;
            };
            String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
            return (long) (Double.parseDouble(digits) * unit);
        } catch (NumberFormatException e) {
            throw new org.relgraph.schema.SchemaException("-D" + setting + "=" + text + " is not a size",
                    "write bytes, or a number with k, m, g or t (e.g. 2g), or a percentage (e.g. 20%)");
        }
    }

    /** DuckDB's {@code memory_limit} value. */
    String duckDbLimitSql() {
        return Math.max(1, duckDbBytes / MB) + "MiB"; // DuckDB's MB is 10^6 bytes
    }

    /** One line saying what was chosen, for the start of a long job. */
    public String describe() {
        return String.format(Locale.ROOT, "memory: Java heap %s (%s collector), ND4J off-heap %s, DuckDB %s, %d "
                + "threads (of %s RAM; JAVA_OPTS overrides)", ByteSizes.format(heapBytes), collector(),
                ByteSizes.format(offHeapBytes), ByteSizes.format(duckDbBytes), threads, ByteSizes.format(machineBytes));
    }

    /** The JVM's garbage collector by its usual name (the launcher picks it from the data's size). */
    static String collector() {
        java.util.List<String> names = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).toList();
        return collectorName(names);
    }

    static String collectorName(java.util.List<String> beanNames) {
        String all = String.join(" ", beanNames);
        if (all.contains("G1")) {
            return "G1";
        }
        if (all.contains("MarkSweepCompact")) {
            return "serial";
        }
        if (all.contains("PS ")) {
            return "parallel";
        }
        if (all.contains("ZGC")) {
            return "Z";
        }
        if (all.contains("Shenandoah")) {
            return "Shenandoah";
        }
        return beanNames.isEmpty() ? "unknown" : beanNames.get(0);
    }

}

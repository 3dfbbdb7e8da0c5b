package org.relgraph.spark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * This JVM's peak memory, for the jobs' metrics (in local mode the driver is the executor, so these are the
 * executor's too). The heap peak is the sum of each heap pool's peak usage as the JVM tracks it (no sampling): an
 * upper bound of the true peak, since the pools (eden, survivor, old) need not peak at the same moment; with G1 or
 * Parallel GC on a long job it is dominated by the old generation. The process's peak resident set (Linux VmHWM)
 * covers native memory too (Spark's off-heap buffers, Netty, DuckDB, thread stacks).
 */
final class JvmMemory {
    /** The highest heap peak seen before the pools' peaks were last reset. */
    private static long peakBeforeReset;

    private JvmMemory() {
    }

    /** The heap's peak since the last {@link #resetHeapPeak} (or the JVM's start). */
    static synchronized long heapPeakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The heap's peak since the JVM started, across resets. */
    static synchronized long heapPeakSinceStartBytes() {
        return Math.max(peakBeforeReset, heapPeakBytes());
    }

    /** Starts a new peak from the heap's current use (remembering the old one for {@link #heapPeakSinceStartBytes}). */
    static synchronized void resetHeapPeak() {
        peakBeforeReset = Math.max(peakBeforeReset, heapPeakBytes());
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The process's peak resident set size in bytes (VmHWM of /proc/self/status); empty where there is no /proc. */
    static OptionalLong peakRssBytes() {
        return vmHwmBytes(Path.of("/proc/self/status"));
    }

    static OptionalLong vmHwmBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) { // "VmHWM:    123456 kB"
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or an unexpected format: unknown rather than wrong
        }
        return OptionalLong.empty();
    }
}

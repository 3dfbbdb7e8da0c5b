package org.relgraph.benchmarks.suite;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Samples used heap every 20 ms on a daemon thread while a model fits, since the JVM keeps no per-phase peak; and
 * reads the process's peak resident set (Linux VmHWM), which covers native memory (XGBoost, DuckDB, ND4J) too.
 */
final class HeapPeak implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peak;

    HeapPeak() {
        peak = memory.getHeapMemoryUsage().getUsed();
        sampler = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    double peakMb() {
        return Math.max(peak, memory.getHeapMemoryUsage().getUsed()) / 1e6;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

}

package org.relgraph.benchmarks.suite;

import java.lang.management.ManagementFactory;
import java.time.Instant;

/** Where and when a run happened, so numbers are read with the machine's load in mind. */
public record MachineInfo(String startedAt, int cores, double loadAverageAtStart, long maxHeapMb, String java,
                          String os) {
    static MachineInfo now() {
        return new MachineInfo(Instant.now().toString(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().maxMemory() / 1_000_000, System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
}

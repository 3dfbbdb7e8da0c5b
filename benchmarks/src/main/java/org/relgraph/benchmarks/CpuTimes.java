package org.relgraph.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this process and of its Java threads grouped by role, so a probe can compare two phases by the work they
 * cost rather than by wall-clock rates, which on a shared machine depend on what else runs. Process CPU covers the
 * native OpenMP threads of ND4J, the garbage collector and the JIT, which no Java thread's time includes.
 */
public final class CpuTimes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long processNs;
    private final Map<String, Long> byRole;

    private CpuTimes(long processNs, Map<String, Long> byRole) {
        this.processNs = processNs;
        this.byRole = byRole;
    }

    /** The process's CPU time so far and each role's (main, prefetch, fork/join pool, other Java threads). */
    public static CpuTimes now() {
        Map<String, Long> roles = new LinkedHashMap<>();
        roles.put("main", 0L);
        roles.put("prefetch", 0L);
        roles.put("fork-join", 0L);
        roles.put("other-java", 0L);
        for (long id : THREADS.getAllThreadIds()) {
            ThreadInfo info = THREADS.getThreadInfo(id);
            long ns = THREADS.getThreadCpuTime(id);
            if (info == null || ns < 0) {
                continue; // ended meanwhile; its time is still in the process figure
            }
            roles.merge(role(info.getThreadName()), ns, Long::sum);
        }
        return new CpuTimes(processCpuNs(), roles);
    }

    private static String role(String thread) {
        if (thread.equals("main")) {
            return "main";
        }
        if (thread.startsWith("relgraph-batch-prefetch")) {
            return "prefetch";
        }
        if (thread.startsWith("ForkJoinPool")) {
            return "fork-join";
        }
        return "other-java";
    }

    private static long processCpuNs() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Process CPU seconds from {@code earlier} to this reading. */
    public double processSecondsSince(CpuTimes earlier) {
        return (processNs - earlier.processNs) / 1e9;
    }

    /**
     * "main 1.23 s, prefetch 0.45 s, ..., native+GC+JIT 0.12 s": each role's CPU seconds since {@code earlier}; the
     * last is the process's time no Java thread accounts for (OpenMP threads, GC, JIT). A Java thread that ended in
     * between drops out of the role sums, so its time shows up in the last figure.
     */
    public String breakdownSince(CpuTimes earlier) {
        StringBuilder s = new StringBuilder();
        long javaNs = 0;
        for (Map.Entry<String, Long> e : byRole.entrySet()) {
            long ns = e.getValue() - earlier.byRole.getOrDefault(e.getKey(), 0L);
            javaNs += ns;
            s.append(String.format(java.util.Locale.ROOT, "%s %.2f s, ", e.getKey(), ns / 1e9));
        }
        s.append(String.format(java.util.Locale.ROOT, "native+GC+JIT %.2f s",
                (processNs - earlier.processNs - javaNs) / 1e9));
        return s.toString();
    }
}

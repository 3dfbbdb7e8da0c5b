package org.relgraph.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.relgraph.io.ByteSizes;

/**
 * What each relgraph stage of a job cost on the executors, from Spark's own task metrics: a {@link SparkListener}
 * adds up every finished task's metrics under the relgraph stage (a {@link #section}: "checks", "hop 1"...) whose
 * code submitted it, so one relgraph stage's many Spark jobs and stages read as one line. Per section: Spark jobs,
 * stages and tasks; rows and bytes read from the input files; rows and bytes written to output files; shuffle rows
 * and bytes written and read; executor run time and CPU time; the largest execution memory one task held
 * (Spark's sort, aggregation and join buffers); bytes spilled (in memory and on disk); the driver's wall time; and the
 * driver JVM's peak heap during the section ({@link JvmMemory}; in local mode the driver is the executor).
 *
 * <p>A task's metrics reach the listener asynchronously (Spark's listener bus), so {@link #sections} waits for the
 * bus to drain first. Tasks of stages submitted outside any section add up under {@value #OTHER}.
 */
final class SparkStageMetrics extends SparkListener implements AutoCloseable {
    /** The Spark local property naming the section a job belongs to (inherited by the jobs a thread submits). */
    static final String PROPERTY = "relgraph.stage";
    static final String OTHER = "(other)";
    private static final long BUS_DRAIN_MILLIS = 60_000;

    /** One section's totals. Counters are summed over its tasks, except {@code peakTaskMemory} (a maximum). */
    static final class Totals {
        final String name;
        long jobs;
        long stages;
        long tasks;
        long inputRows;
        long inputBytes;
        long outputRows;
        long outputBytes;
        long shuffleWriteRows;
        long shuffleWriteBytes;
        long shuffleReadRows;
        long shuffleReadBytes;
        long runMillis;
        long cpuNanos;
        long gcMillis;
        long peakTaskMemory;
        long memorySpilled;
        long diskSpilled;
        long wallNanos;
        long heapPeakBytes;

        Totals(String name) {
            this.name = name;
        }

        private void add(TaskMetrics m) {
            tasks++;
            inputRows += m.inputMetrics().recordsRead();
            inputBytes += m.inputMetrics().bytesRead();
            outputRows += m.outputMetrics().recordsWritten();
            outputBytes += m.outputMetrics().bytesWritten();
            shuffleWriteRows += m.shuffleWriteMetrics().recordsWritten();
            shuffleWriteBytes += m.shuffleWriteMetrics().bytesWritten();
            shuffleReadRows += m.shuffleReadMetrics().recordsRead();
            shuffleReadBytes += m.shuffleReadMetrics().totalBytesRead();
            runMillis += m.executorRunTime();
            cpuNanos += m.executorCpuTime();
            gcMillis += m.jvmGCTime();
            peakTaskMemory = Math.max(peakTaskMemory, m.peakExecutionMemory());
            memorySpilled += m.memoryBytesSpilled();
            diskSpilled += m.diskBytesSpilled();
        }

        private Totals copy() {
            Totals t = new Totals(name);
            t.jobs = jobs;
            t.stages = stages;
            t.tasks = tasks;
            t.inputRows = inputRows;
            t.inputBytes = inputBytes;
            t.outputRows = outputRows;
            t.outputBytes = outputBytes;
            t.shuffleWriteRows = shuffleWriteRows;
            t.shuffleWriteBytes = shuffleWriteBytes;
            t.shuffleReadRows = shuffleReadRows;
            t.shuffleReadBytes = shuffleReadBytes;
            t.runMillis = runMillis;
            t.cpuNanos = cpuNanos;
            t.gcMillis = gcMillis;
            t.peakTaskMemory = peakTaskMemory;
            t.memorySpilled = memorySpilled;
            t.diskSpilled = diskSpilled;
            t.wallNanos = wallNanos;
            t.heapPeakBytes = heapPeakBytes;
            return t;
        }

        /** Rows the section's tasks took in (from files and from shuffles) per second of executor CPU time. */
        double rowsPerCpuSecond() {
            return cpuNanos == 0 ? 0 : (inputRows + shuffleReadRows) / (cpuNanos / 1e9);
        }
    }

    /** One open section; closing it ends it (its wall time and heap peak) and restores the enclosing one. */
    interface Section extends AutoCloseable {
        @Override
        void close();
    }

    private final SparkContext context;
    /** Where a finished section's line goes as soon as it ends (a long job shows its stages as they pass). */
    private final java.io.PrintWriter progress;
    private final Map<String, Totals> sections = new LinkedHashMap<>();
    private final Map<Integer, String> stageSections = new java.util.HashMap<>();

    private SparkStageMetrics(SparkContext context, java.io.PrintWriter progress) {
        this.context = context;
        this.progress = progress;
    }

    /** A recorder listening to {@code spark}'s jobs from now until {@link #close}. */
    static SparkStageMetrics attach(SparkSession spark) {
        return attach(spark, null);
    }

    /** Also prints each section's line to {@code progress} when it ends (null: only the final summary). */
    static SparkStageMetrics attach(SparkSession spark, java.io.PrintWriter progress) {
        SparkStageMetrics m = new SparkStageMetrics(spark.sparkContext(), progress);
        spark.sparkContext().addSparkListener(m);
        return m;
    }

    /**
     * Starts a section: the jobs this thread submits until it is closed add up under {@code name} (a name used
     * twice adds up in one line; one opened inside a section of the same name is part of it). Resets the JVM's heap
     * peak, so the section's peak is its own.
     */
    Section section(String name) {
        String enclosing = context.getLocalProperty(PROPERTY);
        if (name.equals(enclosing)) {
            return () -> { }; // already inside it: counted once, by the enclosing section
        }
        context.setLocalProperty(PROPERTY, name);
        JvmMemory.resetHeapPeak();
        long start = System.nanoTime();
        synchronized (this) {
            sections.computeIfAbsent(name, Totals::new);
        }
        return () -> {
            long wall = System.nanoTime() - start;
            long heap = JvmMemory.heapPeakBytes();
            synchronized (this) {
                Totals t = sections.get(name);
                t.wallNanos += wall;
                t.heapPeakBytes = Math.max(t.heapPeakBytes, heap);
            }
            context.setLocalProperty(PROPERTY, enclosing);
            if (progress != null) {
                sections().stream().filter(t -> t.name.equals(name)).forEach(t -> progress.println("stage " + line(t)));
                progress.flush();
            }
        };
    }

    /** Runs {@code work} as the section {@code name}; its result. */
    <T> T measure(String name, Supplier<T> work) {
        try (Section s = section(name)) {
            return work.get();
        }
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart event) {
        totals(sectionOf(event.properties())).jobs++;
    }

    @Override
    public synchronized void onStageSubmitted(SparkListenerStageSubmitted event) {
        String name = sectionOf(event.properties());
        stageSections.put(event.stageInfo().stageId(), name);
        totals(name).stages++;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
        TaskMetrics m = event.taskMetrics();
        if (m != null) { // absent for a task whose executor was lost before it reported
            totals(stageSections.getOrDefault(event.stageId(), OTHER)).add(m);
        }
    }

    /** Every section so far, in the order they started, once the listener has seen every finished task. */
    List<Totals> sections() {
        try {
            context.listenerBus().waitUntilEmpty(BUS_DRAIN_MILLIS);
        } catch (TimeoutException e) {
            // a bus that does not drain in a minute: report what arrived (the summary is a report, not a result)
        }
        synchronized (this) {
            List<Totals> out = new ArrayList<>();
            sections.values().forEach(t -> out.add(t.copy()));
            return out;
        }
    }

    /** The printed summary: one line per section, then the JVM's and process's peaks. */
    String summary() {
        StringBuilder s = new StringBuilder("Spark stage metrics (" + context.master() + ", "
                + context.defaultParallelism() + " task slots):\n");
        for (Totals t : sections()) {
            s.append("  ").append(line(t)).append('\n');
        }
        s.append(String.format(Locale.ROOT, "  JVM heap peak %s of %s max; process peak RSS %s%n",
                ByteSizes.format(JvmMemory.heapPeakSinceStartBytes()),
                ByteSizes.format(Runtime.getRuntime().maxMemory()),
                JvmMemory.peakRssBytes().stream().mapToObj(ByteSizes::format).findFirst()
                        .orElse("unknown (no /proc)")));
        return s.toString();
    }

    /** One section's totals as a line of the summary. */
    static String line(Totals t) {
        return String.format(Locale.ROOT, "%-14s %7.1f s wall, %7.1f s CPU in %d tasks (%d jobs, %d stages); "
                        + "read %,d rows (%s) + %,d shuffled rows (%s); wrote %,d rows (%s) + shuffle %s; "
                        + "%,.0f rows/CPU s; peak task memory %s, spilled %s; heap peak %s",
                t.name, t.wallNanos / 1e9, t.cpuNanos / 1e9, t.tasks, t.jobs, t.stages, t.inputRows,
                ByteSizes.format(t.inputBytes), t.shuffleReadRows, ByteSizes.format(t.shuffleReadBytes), t.outputRows,
                ByteSizes.format(t.outputBytes), ByteSizes.format(t.shuffleWriteBytes), t.rowsPerCpuSecond(),
                ByteSizes.format(t.peakTaskMemory), ByteSizes.format(t.diskSpilled), ByteSizes.format(t.heapPeakBytes));
    }

    /** The summary as a JSON object (no trailing newline), each line after the first indented by {@code indent}. */
    String json(String indent) {
        StringBuilder s = new StringBuilder("{\n");
        s.append(indent).append("  \"master\": \"").append(context.master().replace("\"", "\\\"")).append("\",\n");
        s.append(indent).append("  \"task_slots\": ").append(context.defaultParallelism()).append(",\n");
        s.append(indent).append("  \"jvm_heap_peak_bytes\": ").append(JvmMemory.heapPeakSinceStartBytes())
                .append(",\n");
        s.append(indent).append("  \"jvm_heap_max_bytes\": ").append(Runtime.getRuntime().maxMemory()).append(",\n");
        s.append(indent).append("  \"process_peak_rss_bytes\": ")
                .append(JvmMemory.peakRssBytes().stream().mapToObj(Long::toString).findFirst().orElse("null"))
                .append(",\n");
        s.append(indent).append("  \"stages\": [");
        List<Totals> all = sections();
        for (int i = 0; i < all.size(); i++) {
            Totals t = all.get(i);
            s.append(i == 0 ? "\n" : ",\n").append(indent).append("    {\"stage\": \"").append(t.name)
                    .append("\", \"wall_seconds\": ").append(String.format(Locale.ROOT, "%.3f", t.wallNanos / 1e9))
                    .append(", \"cpu_seconds\": ").append(String.format(Locale.ROOT, "%.3f", t.cpuNanos / 1e9))
                    .append(", \"run_seconds\": ").append(String.format(Locale.ROOT, "%.3f", t.runMillis / 1e3))
                    .append(", \"gc_seconds\": ").append(String.format(Locale.ROOT, "%.3f", t.gcMillis / 1e3))
                    .append(", \"jobs\": ").append(t.jobs).append(", \"spark_stages\": ").append(t.stages)
                    .append(", \"tasks\": ").append(t.tasks)
                    .append(", \"input_rows\": ").append(t.inputRows).append(", \"input_bytes\": ").append(t.inputBytes)
                    .append(", \"output_rows\": ").append(t.outputRows)
                    .append(", \"output_bytes\": ").append(t.outputBytes)
                    .append(", \"shuffle_write_rows\": ").append(t.shuffleWriteRows)
                    .append(", \"shuffle_write_bytes\": ").append(t.shuffleWriteBytes)
                    .append(", \"shuffle_read_rows\": ").append(t.shuffleReadRows)
                    .append(", \"shuffle_read_bytes\": ").append(t.shuffleReadBytes)
                    .append(", \"peak_task_execution_memory_bytes\": ").append(t.peakTaskMemory)
                    .append(", \"memory_spilled_bytes\": ").append(t.memorySpilled)
                    .append(", \"disk_spilled_bytes\": ").append(t.diskSpilled)
                    .append(", \"jvm_heap_peak_bytes\": ").append(t.heapPeakBytes).append("}");
        }
        s.append(all.isEmpty() ? "]\n" : "\n" + indent + "  ]\n").append(indent).append("}");
        return s.toString();
    }

    /** Stops listening (the totals so far stay readable). */
    @Override
    public void close() {
        context.removeSparkListener(this);
    }

    private Totals totals(String name) {
        return sections.computeIfAbsent(name, Totals::new);
    }

    private static String sectionOf(Properties properties) {
        String name = properties == null ? null : properties.getProperty(PROPERTY);
        return name == null ? OTHER : name;
    }

}

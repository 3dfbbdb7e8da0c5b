package org.relgraph.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * A driver-side listener (installed with {@code spark.extraListeners}) that appends the scheduler's events to the
 * file named by {@code spark.relgraph.test.events}, one line each, so a test in another JVM can follow a job:
 * <pre>
 * job-start JOB DESCRIPTION        job-end JOB RESULT
 * stage-submitted STAGE ATTEMPT TASKS SHUFFLE NAME    (SHUFFLE: the shuffle a map stage writes, else -;
 *                                                      NAME: the call site, e.g. toLocalIterator at ...)
 * task-end STAGE ATTEMPT EXECUTOR TASK_TYPE PARTITION REASON
 * executor-added EXECUTOR          executor-removed EXECUTOR REASON
 * </pre>
 * Each line ends with {@code @} and the time in milliseconds.
 */
public final class ClusterEvents extends SparkListener {
    static final String FILE = "spark.relgraph.test.events";

    private final Path file;

    public ClusterEvents(SparkConf conf) {
        this.file = Path.of(conf.get(FILE));
    }

    @Override
    public void onJobStart(SparkListenerJobStart e) {
        String description = e.properties() == null ? null : e.properties().getProperty("spark.job.description");
        append("job-start " + e.jobId() + " " + description);
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd e) {
        append("job-end " + e.jobId() + " " + e.jobResult().getClass().getSimpleName());
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted e) {
        StageInfo s = e.stageInfo();
        append("stage-submitted " + s.stageId() + " " + s.attemptNumber() + " " + s.numTasks() + " "
                + (s.shuffleDepId().isDefined() ? s.shuffleDepId().get() : "-") + " " + s.name());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        append("task-end " + e.stageId() + " " + e.stageAttemptId() + " " + e.taskInfo().executorId() + " "
                + e.taskType() + " " + e.taskInfo().index() + " " + e.reason().getClass().getSimpleName());
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded e) {
        append("executor-added " + e.executorId());
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
        append("executor-removed " + e.executorId() + " " + e.reason().replace('\n', ' '));
    }

    private synchronized void append(String line) {
        try {
            Files.write(file, List.of(line + " @" + System.currentTimeMillis()), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines written so far (the file grows while the driver runs). */
    static List<String> read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

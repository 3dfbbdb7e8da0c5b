package org.relgraph.models.output;

import java.time.LocalDate;

/** A separate JVM that writes a large score file, for {@link KilledWriteTest} to kill with SIGKILL mid-write. */
public final class ScoreFileWriterProcess {
    private ScoreFileWriterProcess() {
    }

    public static void main(String[] args) {
        String target = args[0];
        int rows = Integer.parseInt(args[1]);
        ScoreOutputs.write(target, new WriteOptions(LocalDate.of(2025, 3, 31), "killed-run"),
                SampleScores.propensity(rows, 5));
        System.out.println("committed");
    }
}

package org.relgraph.benchmarks.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.PreparedDatasets;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.source.ExcludedTables;
import org.relgraph.table.Database;

/**
 * The berka-loan protocol on the real Berka files (skipped without them): a 3-month window, train anchors every 3
 * months from 1993-02-01, val 1994-05-01 and two test anchors up to 1994-11-01, the last whose transaction history is
 * complete; the row and positive counts docs/MODEL-TUNING.md quotes ("Berka with more anchors").
 */
class BerkaLoanTaskTest {
    static Path dataHome() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate.resolve("berka"))) {
                return candidate;
            }
        }
        return PreparedDatasets.defaultDataHome();
    }

    @Test
    void berkaLoanHasFiveTrainAnchorsAndPositivesInEverySplit(@TempDir Path cache) throws Exception {
        Path home = dataHome();
        assumeTrue(Files.isDirectory(home.resolve("berka")), "no Berka data in " + home + "; skipping");
        BenchTask task = BenchTask.byId("berka-loan");
        Database db = new ExcludedTables(task.dropTables()).applyTo(DataSources.open(
                new PreparedDatasets(home, cache).prepared("berka").toString()).load().database());
        PredictiveQuery q = PredictiveQuery.parse(task.query(), db.schema());
        SplitPlan plan = task.planner().plan(db, q, SuiteSettings.named("quick", 42));
        assertEquals(List.of(day(1993, 2, 1), day(1993, 5, 1), day(1993, 8, 1), day(1993, 11, 1), day(1994, 2, 1)),
                plan.trainAnchors());
        assertEquals(List.of(day(1994, 5, 1)), plan.valAnchors());
        assertEquals(List.of(day(1994, 8, 1), day(1994, 11, 1)), plan.testAnchors());

        TrainingSplits splits = new TrainingTableBuilder(db, q).build(plan);
        assertEquals(List.of(3198, 41), sizeAndPositives(splits.train()));
        assertEquals(List.of(1233, 37), sizeAndPositives(splits.val()));
        assertEquals(List.of(2727, 53), sizeAndPositives(splits.test()));
    }

    private static List<Integer> sizeAndPositives(TrainingTable t) {
        int positives = 0;
        for (int i = 0; i < t.size(); i++) {
            positives += t.label(i) > 0.5 ? 1 : 0;
        }
        return List.of(t.size(), positives);
    }

    private static long day(int y, int m, int d) {
        return BenchTask.millis(LocalDate.of(y, m, d));
    }
}

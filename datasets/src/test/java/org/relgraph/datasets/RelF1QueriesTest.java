package org.relgraph.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.f1.RelF1Dataset;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * Query kinds beyond RelBench's three rel-f1 tasks (those are {@link RelF1TasksTest}): a regression, a count, a
 * link prediction and a binary label with a history filter, each compared row for row, in every split, with the
 * same labels computed by DuckDB SQL over the prepared Parquet files. There is no ARGMAX here: rel-f1 records no
 * candidate actions to rank.
 */
class RelF1QueriesTest {
    private static final long DAY_MS = 86_400_000L;
    /** Enough train anchors to reach back into the 1990s at 90-day steps, few enough to keep the test quick. */
    private static final int TRAIN_ANCHORS = 40;

    @TempDir
    static Path cache;
    private static Database db;
    private static Connection sql;

    @BeforeAll
    static void prepare() throws Exception {
        Path dataHome = RealDatasetsTest.DATA_HOME;
        assumeTrue(Files.isDirectory(dataHome.resolve("f1")), "no F1 data in " + dataHome + "; skipping");
        Path dir = new PreparedDatasets(dataHome, cache).prepared("rel-f1");
        db = DataSources.open(dir.toString()).load().database();
        sql = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = sql.createStatement()) {
            for (String t : List.of("results", "drivers")) {
                s.execute("CREATE VIEW " + t + " AS SELECT * FROM " + RealDatasetsTest.parquet(dir, t));
            }
        }
    }

    @AfterAll
    static void close() throws Exception {
        if (sql != null) {
            sql.close();
        }
    }

    @Test
    void pointsInTheNextQuarterAreASumOverEveryDriver() throws Exception {
        TrainingSplits splits = build("PREDICT SUM(results.points, 0, 90, days) FOR EACH drivers.driverId",
                TaskType.REGRESSION);
        // Every driver gets a row; SUM over no (non-null) points is 0.
        check(splits, 90, """
                SELECT a.t, d.driverId, coalesce(sum(r.points), 0) FROM anchors a CROSS JOIN drivers d
                LEFT JOIN results r ON r.driverId = d.driverId AND epoch_ms(r.date) > a.t
                                   AND epoch_ms(r.date) <= a.t + %d
                GROUP BY a.t, d.driverId""");
    }

    @Test
    void racesInTheNextQuarterAreACountOverEveryDriver() throws Exception {
        TrainingSplits splits = build("PREDICT COUNT(results.*, 0, 90, days) FOR EACH drivers.driverId",
                TaskType.REGRESSION);
        check(splits, 90, """
                SELECT a.t, d.driverId, count(r.resultId) FROM anchors a CROSS JOIN drivers d
                LEFT JOIN results r ON r.driverId = d.driverId AND epoch_ms(r.date) > a.t
                                   AND epoch_ms(r.date) <= a.t + %d
                GROUP BY a.t, d.driverId""");
    }

    @Test
    void winningWithinAYearIsLabelledForDriversWhoRacedInThePastYear() throws Exception {
        TrainingSplits splits = build("PREDICT BOOL(results.positionOrder = 1, 0, 365, days) FOR EACH drivers.driverId "
                + "WHERE COUNT(results.*, -365, 0, days) > 0", TaskType.BINARY);
        check(splits, 365, """
                SELECT a.t, d.driverId,
                       max(CASE WHEN r.positionOrder = 1 AND epoch_ms(r.date) > a.t
                                 AND epoch_ms(r.date) <= a.t + %1$d THEN 1 ELSE 0 END)
                FROM anchors a CROSS JOIN drivers d
                JOIN results r ON r.driverId = d.driverId AND epoch_ms(r.date) > a.t - %1$d
                               AND epoch_ms(r.date) <= a.t + %1$d
                GROUP BY a.t, d.driverId
                HAVING count(CASE WHEN epoch_ms(r.date) <= a.t THEN 1 END) > 0""");
    }

    @Test
    void nextYearsConstructorsAreTheDistinctTeamsDrivenFor() throws Exception {
        TrainingSplits splits = build("PREDICT LIST_DISTINCT(results.constructorId, 0, 365, days) RANK TOP 1 "
                + "FOR EACH drivers.driverId", TaskType.RANKING);
        // Drivers with no result in the window get no row: there is nothing to rank against.
        check(splits, 365, """
                SELECT a.t, r.driverId, list_sort(list(DISTINCT r.constructorId)) FROM anchors a
                JOIN results r ON epoch_ms(r.date) > a.t AND epoch_ms(r.date) <= a.t + %d
                GROUP BY a.t, r.driverId""");
    }

    private static TrainingSplits build(String text, TaskType expectedType) {
        PredictiveQuery q = PredictiveQuery.parse(text, RelF1Dataset.schema());
        assertEquals(expectedType, q.taskType(), text);
        SplitPlanner planner = new SplitPlanner(db, q.window()).valTime(RelF1Dataset.VAL_TIME.toEpochMilli())
                .testTime(RelF1Dataset.TEST_TIME.toEpochMilli()).maxTrainAnchors(TRAIN_ANCHORS).maxEvalAnchors(3);
        return new TrainingTableBuilder(db, q).build(planner.plan());
    }

    /**
     * Each split's rows equal those of {@code labelSql} (columns anchor ms, driverId, label; {@code %d} is the
     * window in ms) run over the split's anchors.
     */
    private static void check(TrainingSplits splits, int windowDays, String labelSql) throws Exception {
        for (TrainingTable table : List.of(splits.train(), splits.val(), splits.test())) {
            Map<String, Object> actual = new HashMap<>();
            for (int i = 0; i < table.size(); i++) {
                Object label = table.hasListLabels()
                        ? new TreeSet<>(table.labelListKeys(i).stream().map(Long::parseLong).toList())
                        : (Object) table.label(i);
                actual.put(table.entityKey(i) + "@" + table.anchorTime(i), label);
            }
            assertEquals(table.size(), actual.size(), table.split() + ": duplicate (driver, anchor) rows");
            Map<String, Object> expected = sqlRows(table.anchors(), labelSql.formatted(windowDays * DAY_MS));
            assertTrue(expected.size() > 50, table.split() + ": only " + expected.size() + " expected rows");
            TreeSet<String> keys = new TreeSet<>(expected.keySet());
            keys.addAll(actual.keySet());
            List<String> differences = new ArrayList<>();
            for (String k : keys) {
                if (!sameLabel(expected.get(k), actual.get(k)) && differences.size() < 10) {
                    differences.add(k + ": SQL " + expected.get(k) + ", query " + actual.get(k));
                }
            }
            assertEquals(List.of(), differences, table.split() + ": (driverId@anchor) rows differing from SQL");
        }
    }

    private static Map<String, Object> sqlRows(List<Long> anchors, String labelSql) throws Exception {
        Map<String, Object> rows = new HashMap<>();
        try (Statement s = sql.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE anchors (t BIGINT)");
            for (long t : anchors) {
                s.execute("INSERT INTO anchors VALUES (" + t + ")");
            }
            try (ResultSet rs = s.executeQuery(labelSql)) {
                while (rs.next()) {
                    Object label = rs.getObject(3);
                    Object value = label instanceof java.sql.Array a ? listOf(a) : (Object) rs.getDouble(3);
                    rows.put(rs.getLong(2) + "@" + rs.getLong(1), value);
                }
            }
        }
        return rows;
    }

    private static TreeSet<Long> listOf(java.sql.Array array) throws Exception {
        TreeSet<Long> ids = new TreeSet<>();
        for (Object o : (Object[]) array.getArray()) {
            ids.add(((Number) o).longValue());
        }
        return ids;
    }

    private static boolean sameLabel(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
        }
        return Objects.equals(a, b);
    }
}

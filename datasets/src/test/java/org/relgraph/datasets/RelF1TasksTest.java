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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.f1.RelF1Dataset;
import org.relgraph.datasets.f1.RelF1Task;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.source.LoadOptions;
import org.relgraph.table.Database;

/**
 * rel-f1's RelBench tasks as PQL, checked two ways: against an SQL computation that follows RelBench's task SQL
 * (its own anchor times, its joins, over the same Parquet files) — every row and label of every split — and
 * against RelBench's published row counts.
 */
class RelF1TasksTest {
    @TempDir
    static Path cache;
    private static Path dir;
    private static Database db;
    private static Connection sql;

    @BeforeAll
    static void prepare() throws Exception {
        Path dataHome = RealDatasetsTest.DATA_HOME;
        assumeTrue(Files.isDirectory(dataHome.resolve("f1")), "no F1 data in " + dataHome + "; skipping");
        dir = new PreparedDatasets(dataHome, cache).prepared("rel-f1");
        db = DataSources.open(dir.toString()).load(LoadOptions.defaults()).database();
        sql = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = sql.createStatement()) {
            for (String t : List.of("results", "qualifying", "drivers", "races", "standings", "constructor_results",
                    "constructor_standings")) {
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
    void driverDnfMatchesRelBench() throws Exception {
        check(RelF1Task.DRIVER_DNF, 30, """
                SELECT t.timestamp AS date, dri.driverId AS driverId,
                       MAX(CASE WHEN CAST(re.statusId AS INTEGER) != 1 THEN 1 ELSE 0 END) AS label
                FROM timestamp_df t
                LEFT JOIN results re ON re.date <= t.timestamp + INTERVAL '30 days' AND re.date > t.timestamp
                LEFT JOIN drivers dri ON re.driverId = dri.driverId
                WHERE dri.driverId IN (SELECT DISTINCT driverId FROM results
                                       WHERE date > t.timestamp - INTERVAL '1 year')
                GROUP BY t.timestamp, dri.driverId""", new int[] {11411, 566, 702});
    }

    @Test
    void driverTop3MatchesRelBench() throws Exception {
        check(RelF1Task.DRIVER_TOP3, 30, """
                SELECT t.timestamp AS date, dri.driverId AS driverId,
                       CASE WHEN MIN(qu.position) <= 3 THEN 1 ELSE 0 END AS label
                FROM timestamp_df t
                LEFT JOIN qualifying qu ON qu.date <= t.timestamp + INTERVAL '30 days' AND qu.date > t.timestamp
                LEFT JOIN drivers dri ON qu.driverId = dri.driverId
                WHERE dri.driverId IN (SELECT DISTINCT driverId FROM qualifying
                                       WHERE date > t.timestamp - INTERVAL '1 year')
                GROUP BY t.timestamp, dri.driverId""", new int[] {1353, 588, 726});
    }

    @Test
    void driverPositionMatchesRelBench() throws Exception {
        check(RelF1Task.DRIVER_POSITION, 60, """
                SELECT t.timestamp AS date, dri.driverId AS driverId, mean(re.positionOrder) AS label
                FROM timestamp_df t
                LEFT JOIN results re ON re.date <= t.timestamp + INTERVAL '60 days' AND re.date > t.timestamp
                LEFT JOIN drivers dri ON re.driverId = dri.driverId
                WHERE dri.driverId IN (SELECT DISTINCT driverId FROM results
                                       WHERE date > t.timestamp - INTERVAL '1 year')
                GROUP BY t.timestamp, dri.driverId""", new int[] {7453, 499, 760});
    }

    @Test
    void queriesHaveRelBenchsTaskTypesAndArePopulationConditioned() {
        assertEquals(TaskType.BINARY, RelF1Task.DRIVER_DNF.parse().taskType());
        assertEquals(TaskType.BINARY, RelF1Task.DRIVER_TOP3.parse().taskType());
        assertEquals(TaskType.REGRESSION, RelF1Task.DRIVER_POSITION.parse().taskType());
        for (RelF1Task task : RelF1Task.values()) {
            assertTrue(task.parse().hasPopulationCondition(), task.taskName());
            assertEquals(task, RelF1Task.byName(task.taskName()));
        }
    }

    /**
     * Builds the task's splits with the planner and compares them with {@code relBenchSql} run on RelBench's own
     * anchor times (computed here in SQL from RelBench's rules), and the row counts with RelBench's published ones.
     */
    private static void check(RelF1Task task, int windowDays, String relBenchSql, int[] published) throws Exception {
        PredictiveQuery query = task.parse();
        SplitPlan plan = task.splitPlanner(db).plan();
        TrainingSplits splits = new TrainingTableBuilder(db, query).build(plan);
        List<TrainingTable> ours = List.of(splits.train(), splits.val(), splits.test());
        List<String> anchorSql = relBenchAnchors(windowDays);
        int[] counts = new int[3];
        for (int split = 0; split < 3; split++) {
            Map<String, Double> expected = relBenchRows(relBenchSql, anchorSql.get(split));
            TrainingTable table = ours.get(split);
            Map<String, Double> actual = new HashMap<>();
            for (int i = 0; i < table.size(); i++) {
                actual.put(table.entityKey(i) + "@" + table.anchorTime(i), table.label(i));
            }
            String name = task.taskName() + " " + table.split();
            assertEquals(List.of(), firstMissing(expected.keySet(), actual.keySet()),
                    name + ": (driverId@anchor) rows of RelBench's SQL that the query lacks");
            assertEquals(List.of(), firstMissing(actual.keySet(), expected.keySet()),
                    name + ": (driverId@anchor) rows of the query that RelBench's SQL lacks");
            for (Map.Entry<String, Double> e : expected.entrySet()) {
                assertEquals(e.getValue(), actual.get(e.getKey()), 1e-9, name + " label of " + e.getKey());
            }
            counts[split] = table.size();
        }
        assertEquals(List.of(published[0], published[1], published[2]), List.of(counts[0], counts[1], counts[2]),
                task.taskName() + " train/val/test rows vs RelBench's published counts");
    }

    /** Up to 10 elements of {@code from} not in {@code in}, sorted, so a failure names the rows that differ. */
    private static List<String> firstMissing(java.util.Set<String> from, java.util.Set<String> in) {
        return from.stream().filter(k -> !in.contains(k)).sorted().limit(10).toList();
    }

    /**
     * RelBench's anchors for train, val and test as SQL, from its rules: train from val − Δ back by Δ while at or
     * after the database's first time; val from 2005-01-01 by Δ up to min(val + 39Δ, test − Δ); test from
     * 2010-01-01 by Δ up to min(test + 39Δ, last time − Δ).
     */
    private static List<String> relBenchAnchors(int days) {
        String times = "(SELECT %s(x) FROM (SELECT %s(date) AS x FROM races UNION ALL SELECT %s(date) FROM results "
                + "UNION ALL SELECT %s(date) FROM standings UNION ALL SELECT %s(date) FROM constructor_results "
                + "UNION ALL SELECT %s(date) FROM constructor_standings UNION ALL SELECT %s(date) FROM qualifying))";
        String min = times.replace("%s", "min");
        String max = times.replace("%s", "max");
        String val = "TIMESTAMP '2005-01-01'";
        String test = "TIMESTAMP '2010-01-01'";
        String step = "to_days(CAST(" + days + " * i AS INTEGER))";
        return List.of(
                "SELECT " + val + " - " + step + " AS timestamp FROM range(1, 100000) r(i) WHERE " + val + " - "
                        + step + " >= " + min,
                "SELECT " + val + " + " + step + " AS timestamp FROM range(0, 40) r(i) WHERE " + val + " + " + step
                        + " <= least(" + val + " + to_days(" + 39 * days + "), " + test + " - to_days(" + days
                        + "))",
                "SELECT " + test + " + " + step + " AS timestamp FROM range(0, 40) r(i) WHERE " + test + " + "
                        + step + " <= least(" + test + " + to_days(" + 39 * days + "), " + max + " - to_days("
                        + days + "))");
    }

    /** (driverId@epoch ms) → label of the task SQL over the anchors of {@code anchorSql}. */
    private static Map<String, Double> relBenchRows(String taskSql, String anchorSql) throws Exception {
        Map<String, Double> rows = new HashMap<>();
        try (Statement s = sql.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE timestamp_df AS " + anchorSql);
            try (ResultSet rs = s.executeQuery("SELECT driverId, epoch_ms(date), label FROM (" + taskSql + ")")) {
                while (rs.next()) {
                    rows.put(rs.getLong(1) + "@" + rs.getLong(2), rs.getDouble(3));
                }
            }
        }
        return rows;
    }
}

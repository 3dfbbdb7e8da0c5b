package org.relgraph.datasets.f1;

import static org.relgraph.datasets.TableSchemas.table;
import static org.relgraph.schema.SemanticType.CATEGORICAL;
import static org.relgraph.schema.SemanticType.NUMERICAL;
import static org.relgraph.schema.SemanticType.TEXT;
import static org.relgraph.schema.SemanticType.TIMESTAMP;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.relgraph.datasets.DuckDbExport;
import org.relgraph.datasets.RealDataset;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.schema.TableSchema;

/**
 * RelBench's {@code rel-f1} built from the Ergast CSVs: the same nine tables, dropped columns and time
 * assignment as RelBench's {@code F1Dataset.make_db}, cut at RelBench's snapshot so our numbers compare with
 * published ones.
 * <ul>
 *   <li>races: time = date + time (missing time → midnight); results, standings, constructor_results and
 *       constructor_standings take their race's time; qualifying takes its race's time minus one day.</li>
 *   <li>drivers, constructors, circuits are static.</li>
 *   <li>Snapshot: rows timed at or after {@link #SNAPSHOT_END} are dropped (RelBench's raw files end with the
 *       2023 Belgian GP), and so are drivers first referenced after it, leaving RelBench's 857 drivers.</li>
 * </ul>
 * RelBench renumbers keys to row positions; we keep Ergast's ids, which changes no label or row count.
 */
public final class RelF1Dataset implements RealDataset {
    public static final Instant SNAPSHOT_END = Instant.parse("2023-08-27T00:00:00Z");
    public static final Instant VAL_TIME = Instant.parse("2005-01-01T00:00:00Z");
    public static final Instant TEST_TIME = Instant.parse("2010-01-01T00:00:00Z");

    @Override
    public String name() {
        return "rel-f1";
    }

    @Override
    public String description() {
        return "Ergast Formula 1 (RelBench rel-f1): 9 tables, 1950 to 2023-08; tasks driver-dnf, driver-top3, "
                + "driver-position";
    }

    @Override
    public String rawFolder() {
        return "f1";
    }

    @Override
    public List<String> requiredFiles() {
        return List.of("races.csv.gz", "circuits.csv.gz", "drivers.csv.gz", "results.csv.gz",
                "driver_standings.csv.gz", "constructors.csv.gz", "constructor_results.csv.gz",
                "constructor_standings.csv.gz", "qualifying.csv.gz");
    }

    public static Schema schema() {
        return new Schema(List.of(
                table("races").pk("raceId").cols(NUMERICAL, "year", "round").fk("circuitId", "circuits")
                        .col("name", CATEGORICAL).time("date").build(),
                table("circuits").pk("circuitId").col("circuitRef", TEXT).col("name", TEXT)
                        .cols(CATEGORICAL, "location", "country").cols(NUMERICAL, "lat", "lng", "alt").declaredStatic()
                        .build(),
                table("drivers").pk("driverId").col("dob", TIMESTAMP).col("nationality", CATEGORICAL)
                        .declaredStatic().build(),
                table("results").pk("resultId").fk("raceId", "races").fk("driverId", "drivers")
                        .fk("constructorId", "constructors")
                        .cols(NUMERICAL, "number", "grid", "position", "positionOrder", "points", "laps",
                                "milliseconds", "fastestLap", "rank")
                        .col("statusId", CATEGORICAL).time("date").build(),
                table("standings").pk("driverStandingsId").fk("raceId", "races").fk("driverId", "drivers")
                        .cols(NUMERICAL, "points", "position", "wins").time("date").build(),
                table("constructors").pk("constructorId").col("name", TEXT).col("nationality", CATEGORICAL)
                        .declaredStatic().build(),
                table("constructor_results").pk("constructorResultsId").fk("raceId", "races")
                        .fk("constructorId", "constructors").col("points", NUMERICAL).time("date").build(),
                table("constructor_standings").pk("constructorStandingsId").fk("raceId", "races")
                        .fk("constructorId", "constructors").cols(NUMERICAL, "points", "position", "wins")
                        .time("date").build(),
                table("qualifying").pk("qualifyId").fk("raceId", "races").fk("driverId", "drivers")
                        .fk("constructorId", "constructors").cols(NUMERICAL, "number", "position")
                        .time("date").build()));
    }

    @Override
    public void prepare(Path rawDir, Path out) throws Exception {
        try (DuckDbExport db = new DuckDbExport()) {
            for (String f : requiredFiles()) {
                String table = "raw_" + f.substring(0, f.indexOf('.'));
                db.execute("CREATE TABLE " + table + " AS SELECT * FROM read_csv(" + DuckDbExport.quote(
                        rawDir.resolve(f).toString()) + ", header = true, delim = ',', quote = '\"', nullstr = '\\N', null_padding = true)");
            }
            String cutoff = "TIMESTAMP '2023-08-27 00:00:00'";
            db.execute("CREATE TABLE races AS SELECT raceId, year, round, circuitId, name, "
                    + "CAST(r.\"date\" AS DATE) + COALESCE(CAST(r.\"time\" AS TIME), TIME '00:00:00') AS race_time "
                    + "FROM raw_races r");
            db.execute("DELETE FROM races WHERE race_time >= " + cutoff);
            db.execute("ALTER TABLE races RENAME COLUMN race_time TO date");
            db.execute("CREATE TABLE results AS SELECT r.resultId, r.raceId, r.driverId, r.constructorId, "
                    + "TRY_CAST(r.number AS DOUBLE) AS number, TRY_CAST(r.grid AS DOUBLE) AS grid, "
                    + "TRY_CAST(r.position AS DOUBLE) AS position, CAST(r.positionOrder AS DOUBLE) AS positionOrder, "
                    + "TRY_CAST(r.points AS DOUBLE) AS points, TRY_CAST(r.laps AS DOUBLE) AS laps, "
                    + "TRY_CAST(r.milliseconds AS DOUBLE) AS milliseconds, "
                    + "TRY_CAST(r.fastestLap AS DOUBLE) AS fastestLap, TRY_CAST(r.rank AS DOUBLE) AS rank, "
                    + "CAST(r.statusId AS VARCHAR) AS statusId, ra.date "
                    + "FROM raw_results r JOIN races ra USING (raceId)");
            db.execute("CREATE TABLE standings AS SELECT s.driverStandingsId, s.raceId, s.driverId, "
                    + "CAST(s.points AS DOUBLE) AS points, CAST(s.position AS DOUBLE) AS position, "
                    + "CAST(s.wins AS DOUBLE) AS wins, ra.date FROM raw_driver_standings s JOIN races ra USING (raceId)");
            db.execute("CREATE TABLE constructor_results AS SELECT c.constructorResultsId, c.raceId, "
                    + "c.constructorId, CAST(c.points AS DOUBLE) AS points, ra.date "
                    + "FROM raw_constructor_results c JOIN races ra USING (raceId)");
            db.execute("CREATE TABLE constructor_standings AS SELECT c.constructorStandingsId, c.raceId, "
                    + "c.constructorId, CAST(c.points AS DOUBLE) AS points, CAST(c.position AS DOUBLE) AS position, "
                    + "CAST(c.wins AS DOUBLE) AS wins, ra.date "
                    + "FROM raw_constructor_standings c JOIN races ra USING (raceId)");
            db.execute("CREATE TABLE qualifying AS SELECT q.qualifyId, q.raceId, q.driverId, q.constructorId, "
                    + "CAST(q.number AS DOUBLE) AS number, CAST(q.position AS DOUBLE) AS position, "
                    + "ra.date - INTERVAL 1 DAY AS date FROM raw_qualifying q JOIN races ra USING (raceId)");
            db.execute("CREATE TABLE drivers AS SELECT driverId, CAST(dob AS TIMESTAMP) AS dob, nationality "
                    + "FROM raw_drivers WHERE driverId IN (SELECT driverId FROM results UNION "
                    + "SELECT driverId FROM qualifying UNION SELECT driverId FROM standings) ORDER BY driverId");
            db.execute("CREATE TABLE circuits AS SELECT circuitId, circuitRef, name, location, country, "
                    + "CAST(lat AS DOUBLE) AS lat, CAST(lng AS DOUBLE) AS lng, TRY_CAST(alt AS DOUBLE) AS alt "
                    + "FROM raw_circuits");
            db.execute("CREATE TABLE constructors AS SELECT constructorId, name, nationality FROM raw_constructors");
            Schema schema = schema();
            for (TableSchema t : schema.tables()) {
                db.exportParquet(t.name(), out);
            }
            SchemaYaml.write(schema, out.resolve(SchemaYaml.FILE_NAME));
        }
    }
}

package org.relgraph.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.graph.EdgeType;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.sampling.SampledEdges;
import org.relgraph.sampling.SampledSubgraph;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.sampling.TemporalNeighborSampler;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;
import org.relgraph.validate.ValidatedDatabase;

/**
 * {@code time_from}: raw F1 dates only races; results take their race's date the way RelBench's rel-f1 preparation
 * joins it in by hand ({@code RelF1Dataset}: results ... JOIN races USING (raceId), ra.date). A folder of timeless
 * results with {@code time_from: raceId} must give exactly the row times, labels and samples of a folder where the
 * results carry that date themselves.
 */
class InheritedTimeTest {
    private static final int RACES = 24;
    private static final int DRIVERS = 6;

    @TempDir
    Path tmp;

    /** Races every two weeks of 2020; each driver has a result in most races (seeded), finishing 1..20. */
    private static List<String[]> resultRows() {
        Random random = new Random(7);
        List<String[]> rows = new ArrayList<>();
        int id = 1;
        for (int race = 1; race <= RACES; race++) {
            for (int driver = 1; driver <= DRIVERS; driver++) {
                if (random.nextInt(4) != 0) {
                    rows.add(new String[] {String.valueOf(id++), String.valueOf(race), String.valueOf(driver),
                            String.valueOf(1 + random.nextInt(20))});
                }
            }
        }
        return rows;
    }

    private static String raceDate(int race) {
        return java.time.LocalDate.of(2020, 1, 5).plusWeeks(2L * (race - 1)).toString();
    }

    /** @param datedResults whether results.csv has its race's date as its own time column */
    private CsvFolder f1(String name, boolean datedResults) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        CsvFolder f = new CsvFolder(dir);
        List<String> races = new ArrayList<>(List.of("raceId,name,date"));
        for (int r = 1; r <= RACES; r++) {
            races.add(r + ",GP " + r + "," + raceDate(r));
        }
        List<String> drivers = new ArrayList<>(List.of("driverId,nationality"));
        for (int d = 1; d <= DRIVERS; d++) {
            drivers.add(d + "," + (d % 2 == 0 ? "British" : "German"));
        }
        List<String> results = new ArrayList<>(List.of("resultId,raceId,driverId,position" + (datedResults
                ? ",date" : "")));
        for (String[] r : resultRows()) {
            results.add(String.join(",", r) + (datedResults ? "," + raceDate(Integer.parseInt(r[1])) : ""));
        }
        f.file("races.csv", races.toArray(String[]::new)).file("drivers.csv", drivers.toArray(String[]::new))
                .file("results.csv", results.toArray(String[]::new));
        f.schema("tables:",
                "  - name: races",
                "    primary_key: raceId",
                "    time_column: date",
                "    columns: {raceId: id, name: categorical, date: timestamp}",
                "  - name: drivers",
                "    primary_key: driverId",
                "    static: true",
                "    columns: {driverId: id, nationality: categorical}",
                "  - name: results",
                "    primary_key: resultId",
                datedResults ? "    time_column: date" : "    time_from: raceId",
                "    columns: {resultId: id, raceId: id, driverId: id, position: numerical"
                        + (datedResults ? ", date: timestamp}" : "}"),
                "    foreign_keys:",
                "      - {column: raceId, references: races}",
                "      - {column: driverId, references: drivers}");
        return f;
    }

    @Test
    void resultsInheritTheirRacesDateExactlyAsIfTheyCarriedIt() throws Exception {
        Database inherited = f1("inherited", false).source().load().database();
        Database dated = f1("dated", true).source().load().database();
        Table results = inherited.table("results");
        assertEquals("date", results.schema().timeColumn(), "named after the parent's time column");
        assertEquals("raceId", results.schema().timeFrom());
        LongColumn times = results.timeColumn().orElseThrow();
        assertArrayEquals(dated.table("results").timeColumn().orElseThrow().values(), times.values());
        assertTrue(times.nulls().isEmpty());
        assertFalse(inherited.schema().requireTable("results").isTimeless());
    }

    @Test
    void windowedLabelsOnInheritedTimeEqualThoseOnTheDatedCopy() throws Exception {
        Database inherited = f1("inherited", false).source().load().database();
        Database dated = f1("dated", true).source().load().database();
        String pql = "PREDICT COUNT(results.*, 0, 30, days) > 0 FOR EACH drivers.driverId";
        List<Long> anchors = new ArrayList<>();
        for (int week = 1; week < 60; week += 3) {
            anchors.add(java.time.LocalDate.of(2020, 1, 1).plusWeeks(week).atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant().toEpochMilli());
        }
        TrainingTable a = new TrainingTableBuilder(inherited, PredictiveQuery.parse(pql, inherited.schema()))
                .build("train", anchors);
        TrainingTable b = new TrainingTableBuilder(dated, PredictiveQuery.parse(pql, dated.schema()))
                .build("train", anchors);
        assertEquals(b.size(), a.size());
        int positives = 0;
        int negatives = 0;
        for (int i = 0; i < a.size(); i++) {
            assertEquals(b.entityKey(i), a.entityKey(i));
            assertEquals(b.anchorTime(i), a.anchorTime(i));
            assertEquals(b.label(i), a.label(i), "row " + i);
            positives += a.label(i) > 0 ? 1 : 0;
            negatives += a.label(i) > 0 ? 0 : 1;
        }
        assertTrue(positives > 0 && negatives > 0, "anchors after the last race give negatives: " + positives + "/"
                + negatives);
    }

    @Test
    void aDriverSamplesNoResultOfARaceAfterTheAnchor() throws Exception {
        Database db = f1("inherited", false).source().load().database();
        HeteroGraph graph = HeteroGraph.build(db);
        Table results = db.table("results");
        long[] times = results.timeColumn().orElseThrow().values();
        long anchor = java.time.LocalDate.parse(raceDate(10)).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                .toEpochMilli() + 1;
        int driver = 0;
        SampledSubgraph sub = new TemporalNeighborSampler(graph, new SamplerConfig(new int[] {1000},
                SamplerConfig.Strategy.MOST_RECENT, 1)).sample("drivers", new int[] {driver}, new long[] {anchor});
        SampledEdges e = sub.edges(new EdgeType("results", "driverId", "drivers"));
        int[] global = sub.nodes("results").globalIds();
        long driverKey = ((LongColumn) db.table("drivers").requireColumn("driverId")).get(driver);
        LongColumn owner = (LongColumn) results.requireColumn("driverId");
        int expected = 0;
        for (int r = 0; r < results.rowCount(); r++) {
            expected += owner.get(r) == driverKey && times[r] <= anchor ? 1 : 0;
        }
        assertEquals(expected, e.size(), "every result of races 1..10, none later");
        for (int i = 0; i < e.size(); i++) {
            assertTrue(times[global[e.srcLocal()[i]]] <= anchor, "a result of a future race was sampled");
        }
        assertTrue(expected > 0);
    }

    @Test
    void aResultWithoutARaceGetsNoTimeAndAWarning() throws Exception {
        CsvFolder f = f1("orphan", false);
        List<String> lines = new ArrayList<>(Files.readAllLines(f.path().resolve("results.csv")));
        lines.add("9999,,1,3");
        Files.write(f.path().resolve("results.csv"), lines);
        ValidatedDatabase loaded = f.source().load();
        LongColumn times = loaded.database().table("results").timeColumn().orElseThrow();
        assertTrue(times.isNull(lines.size() - 2), "the raceless row has no time");
        assertTrue(loaded.report().warnings().stream().anyMatch(p -> p.toString().contains("1 row with no races row")),
                loaded.report().problems().toString());
    }

    @Test
    void inheritanceFollowsAChainThroughATableThatInheritsInTurn() throws Exception {
        CsvFolder f = f1("chain", false);
        f.file("pit_stops.csv", "pitId,resultId,lap", "1,1,12", "2,2,30", "3,5,8");
        String schema = Files.readString(f.path().resolve("schema.yaml"));
        f.schema(schema + "\n  - name: pit_stops\n    primary_key: pitId\n    time_from: resultId\n"
                + "    columns: {pitId: id, resultId: id, lap: numerical}\n"
                + "    foreign_keys:\n      - {column: resultId, references: results}\n");
        Database db = f.source().load().database();
        LongColumn pit = db.table("pit_stops").timeColumn().orElseThrow();
        LongColumn result = db.table("results").timeColumn().orElseThrow();
        int[] parents = db.parentRows(db.schema().requireTable("pit_stops").foreignKeys().get(0));
        for (int r = 0; r < pit.size(); r++) {
            assertEquals(result.get(parents[r]), pit.get(r));
        }
    }

    @Test
    void theDerivedColumnKeepsClearOfAColumnOfTheSameName() throws Exception {
        CsvFolder f = new CsvFolder(tmp);
        f.file("races.csv", "raceId,date", "1,2020-01-05", "2,2020-02-05")
                .file("results.csv", "resultId,raceId,date", "1,1,free text", "2,2,more text");
        f.schema("tables:",
                "  - {name: races, primary_key: raceId, time_column: date, columns: {raceId: id, date: timestamp}}",
                "  - name: results",
                "    primary_key: resultId",
                "    time_from: raceId",
                "    columns: {resultId: id, raceId: id, date: text}",
                "    foreign_keys: [{column: raceId, references: races}]");
        Table results = f.source().load().database().table("results");
        assertEquals("races_date", results.schema().timeColumn());
        assertEquals("free text", results.requireColumn("date").format(0));
    }

    @Test
    void schemaMistakesAroundTimeFromAreOneLineErrorsWithAHint() {
        String races = "  - {name: races, primary_key: raceId, time_column: date, columns: {raceId: id, date: timestamp}}";
        String circuits = "  - {name: circuits, primary_key: circuitId, columns: {circuitId: id}}";
        String[][] cases = {
            {"    time_from: driverId", "time_from 'driverId' is not one of its foreign keys", "raceId"},
            {"    time_from: raceId\n    time_column: date", "has both time_column 'date' and time_from", "keep one"},
            {"    time_from: circuitId", "references circuits, which has no time to inherit", "time_column"},
            {"    static: true\n    time_from: raceId", "'static: true' but it also has time_from", "not both"},
            {"    static: yes please", "'static' must be true or false", "static: true"},
        };
        for (String[] c : cases) {
            String yaml = String.join("\n", "tables:", races, circuits,
                    "  - name: results",
                    "    primary_key: resultId",
                    c[0],
                    "    columns: {resultId: id, raceId: id, circuitId: id, driverId: id, date: timestamp}",
                    "    foreign_keys: [{column: raceId, references: races}, {column: circuitId, references: circuits}]");
            SchemaException e = assertThrows(SchemaException.class,
                    () -> org.relgraph.schema.SchemaYaml.parse(yaml, "schema.yaml"), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertTrue(e.hint().contains(c[2]), e.hint());
        }
    }

    @Test
    void aTimeFromLoopIsRefused() {
        String yaml = String.join("\n", "tables:",
                "  - {name: a, primary_key: id, time_from: b_id, columns: {id: id, b_id: id},"
                        + " foreign_keys: [{column: b_id, references: b}]}",
                "  - {name: b, primary_key: id, time_from: a_id, columns: {id: id, a_id: id},"
                        + " foreign_keys: [{column: a_id, references: a}]}");
        SchemaException e = assertThrows(SchemaException.class,
                () -> org.relgraph.schema.SchemaYaml.parse(yaml, "schema.yaml"));
        assertTrue(e.getMessage().contains("time_from goes round in a loop"), e.getMessage());
    }

    @Test
    void theSchemaRoundTripsThroughYamlAsTheUserWroteIt() throws Exception {
        Database db = f1("roundtrip", false).source().load().database();
        String yaml = org.relgraph.schema.SchemaYaml.toYaml(db.schema());
        assertTrue(yaml.contains("time_from: raceId"), yaml);
        assertTrue(yaml.contains("static: true"), yaml);
        org.relgraph.schema.Schema back = org.relgraph.schema.SchemaYaml.parse(yaml, "bundle");
        assertEquals("raceId", back.requireTable("results").timeFrom());
        assertFalse(back.requireTable("results").hasColumn("date"), "the derived column is not the user's: " + yaml);
    }
}

package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.api.Task;
import org.relgraph.query.TimestampLiteral;
import org.relgraph.query.TrainingTableWriter;
import org.relgraph.source.DataSources;
import org.relgraph.source.PostgresUrl;
import org.relgraph.table.Database;

/**
 * The labels job reads the same tables from PostgreSQL (Spark's JDBC source, in ranges of the key) and from the
 * Spark catalogue as from files, and writes the same file as the single machine; catalogue tables that do not fit
 * schema.yaml are refused. The PostgreSQL test needs RELGRAPH_TEST_PG_URL (skipped without it) and works in a
 * schema of its own, dropped afterwards.
 */
class SparkSourcesTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path f1;
    static String pgSchema;

    @BeforeAll
    static void start() throws IOException {
        spark = LocalSpark.session();
        f1 = SmallF1.write(tmp.resolve("f1"));
    }

    @AfterAll
    static void dropSchema() throws Exception {
        if (pgSchema != null) {
            PostgresUrl url = PostgresUrl.parse(System.getenv("RELGRAPH_TEST_PG_URL"));
            try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties());
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + pgSchema + " CASCADE"); // this run's own schema
            }
        }
    }

    @Test
    void labelsFromPostgresInKeyRangesEqualTheSingleMachineFile() throws Exception {
        String admin = System.getenv("RELGRAPH_TEST_PG_URL");
        assumeTrue(admin != null, "RELGRAPH_TEST_PG_URL is not set: skipping the PostgreSQL source test");
        pgSchema = "relgraph_spark_" + ProcessHandle.current().pid();
        PostgresUrl url = PostgresUrl.parse(admin);
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties());
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + pgSchema);
            s.execute("CREATE TABLE " + pgSchema + ".drivers (\"driverId\" bigint PRIMARY KEY, nationality text)");
            s.execute("CREATE TABLE " + pgSchema + ".results (\"resultId\" bigint PRIMARY KEY, \"driverId\" bigint, "
                    + "\"statusId\" text, \"positionOrder\" double precision, date timestamp)");
            insert(c, pgSchema + ".drivers", drivers());
            insert(c, pgSchema + ".results", results());
        }
        String db = admin + (admin.contains("?") ? "&" : "?") + "schema=" + pgSchema;
        Path schema = f1.resolve("schema.yaml");
        String want = singleMachine(DataSources.open(f1.toString()).load().database(), "pg-want.csv");
        // the single machine reads the database as it reads the files
        assertEquals(want, singleMachine(DataSources.open(db, schema).load().database(), "pg-single.csv"));
        Path out = tmp.resolve("pg-spark.csv");
        SparkLabelsTest.Result r = labels("--data", db, "--schema", schema.toString(), "--jdbc-partitions", "3",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(want, Files.readString(out));
        // read in three key ranges, one task each
        PostgresUrl dbUrl = PostgresUrl.parse(db);
        org.relgraph.schema.Schema declared = org.relgraph.schema.SchemaYaml.read(schema);
        JdbcTables tables = new JdbcTables(spark, dbUrl, new org.relgraph.source.PostgresSource(dbUrl, schema),
                declared, 3);
        assertEquals(3, tables.read(declared.requireTable("results")).rdd().getNumPartitions());
    }

    @Test
    void labelsFromCatalogueTablesEqualTheSingleMachineFile() throws IOException {
        view("drivers", drivers());
        view("results", results());
        String want = singleMachine(DataSources.open(f1.toString()).load().database(), "catalog-want.csv");
        Path out = tmp.resolve("catalog-spark.csv");
        SparkLabelsTest.Result r = labels("--catalog-database", "global_temp", "--schema",
                f1.resolve("schema.yaml").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(want, Files.readString(out));
    }

    @Test
    void catalogueTablesThatDoNotFitTheSchemaAreRefused() throws IOException {
        Path yaml = tmp.resolve("mismatch.yaml");
        Files.writeString(yaml, Files.readString(f1.resolve("schema.yaml")).replace("- name: drivers",
                "- name: pilots").replace("references: drivers", "references: pilots"));
        view("drivers", drivers());
        view("results", results());
        SparkLabelsTest.Result r = labels("--catalog-database", "global_temp", "--schema", yaml.toString(),
                "--query", SmallF1.DNF.replace("drivers.", "pilots."), "--out", tmp.resolve("m1.csv").toString());
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: schema mismatch between catalogue tables and schema.yaml: the "
                + "catalogue has no table global_temp.pilots\nhint: "), r.err());

        List<Object[]> textDates = new ArrayList<>();
        results().forEach(row -> textDates.add(new Object[] {row[0], row[1], row[2], row[3],
                row[4] == null ? null : row[4].toString()}));
        spark.createDataFrame(rows(textDates), new StructType().add("resultId", DataTypes.LongType)
                .add("driverId", DataTypes.LongType).add("statusId", DataTypes.StringType)
                .add("positionOrder", DataTypes.DoubleType).add("date", DataTypes.StringType))
                .createOrReplaceGlobalTempView("results");
        r = labels("--catalog-database", "global_temp", "--schema", f1.resolve("schema.yaml").toString(), "--out",
                tmp.resolve("m2.csv").toString());
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: schema mismatch between catalogue tables and schema.yaml: table "
                + "global_temp.results, column 'date' has type string but is declared timestamp\nhint: "), r.err());
        assertFalse(Files.exists(tmp.resolve("m2.csv")));
    }

    @Test
    void aCatalogueColumnSchemaYamlNamesButTheTableLacksIsRefused() throws IOException {
        Path yaml = tmp.resolve("extra-column.yaml");
        Files.writeString(yaml, Files.readString(f1.resolve("schema.yaml")).replace("    nationality: categorical",
                "    nationality: categorical\n    height: numerical"));
        view("drivers", drivers());
        view("results", results());
        SparkLabelsTest.Result r = labels("--catalog-database", "global_temp", "--schema", yaml.toString(), "--out",
                tmp.resolve("m3.csv").toString());
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: schema mismatch between catalogue tables and schema.yaml: table "
                + "global_temp.drivers has no column 'height'\nhint: its columns are: driverId, nationality"), r.err());
    }

    @Test
    void aCatalogueDatabaseNeedsASchemaAndOnlyPostgresUrlsAreRead() {
        SparkLabelsTest.Result r = labels("--catalog-database", "sales", "--out", tmp.resolve("m4.csv").toString());
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --catalog-database sales needs --schema FILE\nhint: "), r.err());
        r = labels("--data", "jdbc:mysql://db:3306/sales", "--out", tmp.resolve("m5.csv").toString());
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --data jdbc:mysql:… is not a PostgreSQL URL\nhint: "), r.err());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static SparkLabelsTest.Result labels(String... args) {
        List<String> all = new ArrayList<>(List.of("labels"));
        all.addAll(List.of(args));
        if (!all.contains("--query")) {
            all.addAll(List.of("--query", SmallF1.DNF));
        }
        all.addAll(List.of(SmallF1.SPLIT));
        return SparkLabelsTest.run(all.toArray(String[]::new));
    }

    /** {@code relgraph query --out} on a loaded database, with SmallF1's split. */
    private static String singleMachine(Database db, String name) throws IOException {
        Task task = Task.bind(db, SmallF1.DNF);
        Path out = tmp.resolve(name);
        TrainingTableWriter.write(task.tables(task.splitPlanner().trainAnchorCount(2)
                .valTime(TimestampLiteral.parse("2020-02-01").orElseThrow())
                .testTime(TimestampLiteral.parse("2020-03-02").orElseThrow()).plan()), out,
                ReplacePolicy.OWN_OUTPUT_ONLY);
        return Files.readString(out);
    }

    /** SmallF1's drivers, typed: id, nationality. */
    private static List<Object[]> drivers() throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (String[] f : csv("drivers.csv")) {
            rows.add(new Object[] {Long.parseLong(f[0]), f[1].isEmpty() ? null : f[1]});
        }
        return rows;
    }

    /** SmallF1's results, typed: ids, status text, position (\N is null), date (UTC). */
    private static List<Object[]> results() throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (String[] f : csv("results.csv")) {
            rows.add(new Object[] {Long.parseLong(f[0]), Long.parseLong(f[1]), f[2],
                f[3].equals("\\N") ? null : Double.parseDouble(f[3]),
                f[4].isEmpty() ? null : Timestamp.from(Instant.ofEpochMilli(
                        TimestampLiteral.parse(f[4]).orElseThrow()))});
        }
        return rows;
    }

    private static List<String[]> csv(String file) throws IOException {
        return Files.readAllLines(f1.resolve(file)).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    private static void insert(Connection c, String table, List<Object[]> rows) throws Exception {
        int n = rows.get(0).length;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " VALUES (" + "?,".repeat(n - 1)
                + "?)")) {
            for (Object[] row : rows) {
                for (int i = 0; i < n; i++) {
                    p.setObject(i + 1, row[i] instanceof Timestamp t
                            ? t.toInstant().atOffset(java.time.ZoneOffset.UTC).toLocalDateTime() : row[i]);
                }
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static void view(String name, List<Object[]> typed) {
        StructType schema = name.equals("drivers")
                ? new StructType().add("driverId", DataTypes.LongType).add("nationality", DataTypes.StringType)
                : new StructType().add("resultId", DataTypes.LongType).add("driverId", DataTypes.LongType)
                        .add("statusId", DataTypes.StringType).add("positionOrder", DataTypes.DoubleType)
                        .add("date", (DataType) DataTypes.TimestampType);
        spark.createDataFrame(rows(typed), schema).createOrReplaceGlobalTempView(name);
    }

    private static List<Row> rows(List<Object[]> typed) {
        return typed.stream().map(RowFactory::create).toList();
    }
}

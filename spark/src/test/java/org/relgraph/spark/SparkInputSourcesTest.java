package org.relgraph.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.api.Sources;
import org.relgraph.models.api.Task;
import org.relgraph.models.gnn.Checkpointing;
import org.relgraph.models.gnn.GnnInputs;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.gnn.ModelBundle;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableWriter;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;
import org.relgraph.source.PostgresUrl;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Database;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * neighbourhoods, score and train read PostgreSQL (Spark's JDBC source, in key ranges) and the Spark catalogue
 * (global_temp views) as they read a data folder ({@link SparkInputs}): on a generated bank copied into both, the
 * materialised neighbourhoods (nodes and child summaries) equal the folder's, the scores equal the folder's exactly,
 * and one-partition training gives the single-machine weights bit for bit. The rows are inserted into PostgreSQL in
 * reverse key order, so a range's rows come back out of key order and the row numbers are only right if the job
 * orders them. The PostgreSQL tests need RELGRAPH_TEST_PG_URL (skipped without it) and use a schema of their own,
 * dropped afterwards.
 */
class SparkInputSourcesTest {
    private static final String MORTGAGE = SparkScoreTest.MORTGAGE;
    private static final String CATALOG = "global_temp";

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path bank;
    static Database db;
    static Task task;
    static TrainingSplits splits;
    static Path labels;
    static Path model;
    static String pgAdmin;
    static String pgSchema;
    static String pgData;
    /** The bank's schema.yaml without its file names ({@code source:}), for its PostgreSQL copy. */
    static Path pgYaml;
    private static final Map<String, Path> NEIGHBOURHOODS = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        spark = LocalSpark.session();
        bank = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(100, 5)).generate(bank);
        db = Sources.load(bank.toString());
        task = Task.bind(db, MORTGAGE);
        splits = task.tables(task.splitPlanner().trainAnchorCount(3).plan());
        labels = tmp.resolve("mortgage.csv");
        TrainingTableWriter.write(splits, labels, ReplacePolicy.force(false));
        model = tmp.resolve("model");
        try (GnnPredictor p = GnnPredictor.train(GnnInputs.of(db), task.query(), splits, small(),
                TrainingListener.NONE, Checkpointing.none())) {
            p.save(model);
        }
        views();
        pgAdmin = System.getenv("RELGRAPH_TEST_PG_URL");
        if (pgAdmin != null) {
            pgSchema = "relgraph_inputs_" + ProcessHandle.current().pid();
            copyToPostgres();
            pgData = pgAdmin + (pgAdmin.contains("?") ? "&" : "?") + "schema=" + pgSchema;
            pgYaml = tmp.resolve("postgres-schema.yaml");
            Files.writeString(pgYaml, Files.readString(bank.resolve("schema.yaml")).replaceAll("(?m)^\\s+source: .*\n",
                    ""));
        }
    }

    @AfterAll
    static void dropSchema() throws Exception {
        if (pgSchema != null) {
            PostgresUrl url = PostgresUrl.parse(pgAdmin);
            try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties());
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + pgSchema + " CASCADE"); // this run's own schema
            }
        }
    }

    /**
     * The model of these tests, and what train is asked for: one layer (one hop: each Spark job here costs its
     * hops), hidden 16, fanout 4, one epoch, seed 3.
     */
    private static GnnConfig small() {
        return GnnConfig.defaults().withHidden(16).withLayers(1).withFanouts(4).withBatchSize(64).withEpochs(1)
                .withSeed(3);
    }

    private static void requirePostgres() {
        assumeTrue(pgData != null, "RELGRAPH_TEST_PG_URL is not set: skipping the PostgreSQL source test");
    }

    @Test
    void neighbourhoodsFromPostgresEqualThoseFromTheFolder() throws IOException {
        requirePostgres();
        Path fromFolder = neighbourhoods("folder");
        Path fromDb = neighbourhoods("postgres");
        assertEquals(rows(fromFolder, "subgraphs"), rows(fromDb, "subgraphs"));
        assertEquals(rows(fromFolder, "summaries"), rows(fromDb, "summaries"));
        // the data is recorded without credentials, so score and train can check they read the same rows
        String recorded = new ObjectMapper().readTree(fromDb.resolve("neighbourhoods.json").toFile()).path("data")
                .asText();
        assertEquals("jdbc:postgresql://" + PostgresUrl.parse(pgData).location() + "?schema=" + pgSchema, recorded);
        assertFalse(Files.readString(fromDb.resolve("neighbourhoods.json")).contains("password"));
    }

    @Test
    void neighbourhoodsFromCatalogueViewsEqualThoseFromTheFolder() throws IOException {
        Path fromFolder = neighbourhoods("folder");
        Path fromViews = neighbourhoods("catalog");
        assertEquals(rows(fromFolder, "subgraphs"), rows(fromViews, "subgraphs"));
        assertEquals(rows(fromFolder, "summaries"), rows(fromViews, "summaries"));
        assertEquals("spark-catalog:" + CATALOG, new ObjectMapper().readTree(fromViews.resolve("neighbourhoods.json")
                .toFile()).path("data").asText());
    }

    @Test
    void scoresFromPostgresEqualScoresFromTheFolderExactly() throws IOException {
        requirePostgres();
        Path folderScores = tmp.resolve("folder-scores");
        SparkScoreTest.run("score", "--model", model.toString(), "--data", bank.toString(), "--neighbourhoods",
                neighbourhoods("folder").toString(), "--out", folderScores.toString());
        Path dbScores = tmp.resolve("postgres-scores");
        SparkScoreTest.run("score", "--model", model.toString(), "--data", pgData, "--jdbc-partitions", "2",
                "--schema", pgYaml.toString(), "--neighbourhoods",
                neighbourhoods("postgres").toString(), "--out", dbScores.toString());
        List<String> expected = rows(folderScores, ".");
        assertTrue(expected.size() > 50, "scored " + expected.size());
        assertEquals(expected, rows(dbScores, "."));
        // neighbourhoods of the folder are not scored with the database's rows, even if they hold the same values
        SparkLabelsTest.Result r = SparkLabelsTest.run("score", "--model", model.toString(), "--data", pgData,
                "--schema", pgYaml.toString(), "--neighbourhoods",
                neighbourhoods("folder").toString(), "--out", tmp.resolve("mixed").toString());
        refused(r, "--neighbourhoods " + neighbourhoods("folder") + " were sampled from " + bank.toAbsolutePath()
                + ", and --data is jdbc:postgresql://", "run relgraph-spark neighbourhoods --data jdbc:postgresql://");
        assertFalse(r.err().contains("password="), r.err());
        assertFalse(Files.exists(tmp.resolve("mixed")));
    }

    @Test
    void onePartitionTrainingFromPostgresOrTheCatalogueGivesTheSingleMachineWeightsBitForBit() throws IOException {
        Map<String, INDArray> expected;
        try (GnnPredictor one = GnnPredictor.train(GnnInputs.of(db), task.query(), splits, small(),
                TrainingListener.NONE, Checkpointing.none())) {
            expected = one.bundle().weights().values();
        }
        if (pgData != null) {
            sameWeights(expected, train("postgres", "--data", pgData, "--jdbc-partitions", "3", "--schema",
                    pgYaml.toString()));
        }
        sameWeights(expected, train("catalog", "--catalog-database", CATALOG, "--schema",
                bank.resolve("schema.yaml").toString()));
    }

    @Test
    void missingCatalogueTablesOrColumnsAndUnreachableDatabasesAreRefused() throws IOException {
        String yaml = Files.readString(bank.resolve("schema.yaml"));
        Path noTable = tmp.resolve("no-table.yaml");
        Files.writeString(noTable, yaml.replace("name: product_catalog", "name: products")
                .replace("references: product_catalog", "references: products"));
        refused(SparkLabelsTest.run("neighbourhoods", "--catalog-database", CATALOG, "--schema", noTable.toString(),
                        "--labels", labels.toString(), "--out", tmp.resolve("r1").toString()),
                "schema mismatch between catalogue tables and schema.yaml: the catalogue has no table "
                        + CATALOG + ".products", "create it, fix the table's name in schema.yaml");
        Path noColumn = tmp.resolve("no-column.yaml");
        Files.writeString(noColumn, yaml.replace("    segment: categorical", "    segment: categorical\n"
                + "    income: numerical"));
        refused(SparkLabelsTest.run("score", "--model", model.toString(), "--catalog-database", CATALOG, "--schema",
                        noColumn.toString(), "--neighbourhoods", neighbourhoods("catalog").toString(), "--out",
                        tmp.resolve("r2").toString()),
                "schema mismatch between catalogue tables and schema.yaml: table " + CATALOG + ".customers has no "
                        + "column 'income'", "its columns are: ");
        refused(SparkLabelsTest.run("train", "--catalog-database", CATALOG, "--schema", bank.resolve("schema.yaml")
                        .toString(), "--query", MORTGAGE, "--out", tmp.resolve("r3").toString()),
                "--catalog-database needs --neighbourhoods", "materialise the training rows' neighbourhoods");
        SparkLabelsTest.Result r = SparkLabelsTest.run("neighbourhoods", "--data",
                "jdbc:postgresql://127.0.0.1:1/bank?user=u&password=hunter2", "--labels", labels.toString(), "--out",
                tmp.resolve("r4").toString());
        assertEquals(SparkMain.USER_ERROR, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("cannot reach PostgreSQL at 127.0.0.1:1"), r.err());
        assertFalse(r.err().contains("hunter2"), r.err());
        for (String m : List.of("r1", "r2", "r3", "r4")) {
            assertFalse(Files.exists(tmp.resolve(m)), m);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** {@code neighbourhoods --model} of the labels file's seeds from one source, run once per source. */
    private static synchronized Path neighbourhoods(String source) {
        return NEIGHBOURHOODS.computeIfAbsent(source, s -> {
            Path out = tmp.resolve("neighbourhoods-" + s);
            List<String> args = new ArrayList<>(List.of("neighbourhoods", "--labels", labels.toString(), "--model",
                    model.toString(), "--buckets", "2", "--out", out.toString()));
            args.addAll(source(s));
            SparkScoreTest.run(args.toArray(String[]::new));
            return out;
        });
    }

    private static List<String> source(String name) {
        return switch (name) {
            case "folder" -> List.of("--data", bank.toString());
            case "postgres" -> List.of("--data", pgData, "--jdbc-partitions", "3", "--schema", pgYaml.toString());
            default -> List.of("--catalog-database", CATALOG, "--schema", bank.resolve("schema.yaml").toString());
        };
    }

    /** {@code train --neighbourhoods} from one source with one partition and one round per epoch. */
    private static ModelBundle train(String source, String... data) throws IOException {
        Path out = tmp.resolve("model-" + source);
        List<String> args = new ArrayList<>(List.of("train", "--query", MORTGAGE, "--train-anchors", "3",
                "--neighbourhoods", neighbourhoods(source).toString(), "--out", out.toString(), "--hidden", "16",
                "--layers", "1", "--fanouts", "4", "--epochs", "1", "--batch-size", "64", "--seed", "3",
                "--partitions", "1", "--averaging-steps", "1000"));
        args.addAll(List.of(data));
        SparkLabelsTest.Result r = SparkLabelsTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.out() + "\n" + r.err());
        return ModelBundle.load(out);
    }

    private static void sameWeights(Map<String, INDArray> expected, ModelBundle actual) {
        Map<String, INDArray> a = actual.weights().values();
        assertEquals(expected.keySet(), a.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name).castTo(DataType.FLOAT).data().asFloat(),
                    a.get(name).castTo(DataType.FLOAT).data().asFloat(), 0f, name);
        }
    }

    /** Every row of the Parquet files under {@code dir/sub}, as text, sorted. */
    private static List<String> rows(Path dir, String sub) {
        return spark.read().parquet(dir.resolve(sub).toString()).collectAsList().stream().map(Object::toString)
                .sorted().toList();
    }

    private static void refused(SparkLabelsTest.Result r, String error, String hint) {
        assertEquals(SparkMain.USER_ERROR, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: " + error), r.err());
        assertTrue(r.err().contains("\nhint: " + hint), r.err());
    }

    /**
     * The bank's tables as global_temp views, typed as a warehouse holds them (timestamps as timestamps), in file
     * order.
     */
    private static void views() {
        Schema schema = SparkTables.readSchema(bank, null);
        SparkTables tables = new SparkTables(spark, bank, schema);
        for (TableSchema t : schema.tables()) {
            List<Column> columns = new ArrayList<>();
            for (ColumnSchema c : t.columns()) {
                columns.add(c.type() == SemanticType.TIMESTAMP ? timestamp_millis(col(c.name())).as(c.name())
                        : col(c.name()));
            }
            tables.table(t.name()).select(columns.toArray(Column[]::new)).createOrReplaceGlobalTempView(t.name());
        }
    }

    /**
     * The loaded bank as PostgreSQL tables (ids bigint, numbers double precision, timestamps timestamp, the rest
     * text), each table's rows inserted last row first: the server then returns a key range in another order than
     * the keys'.
     */
    private static void copyToPostgres() throws Exception {
        PostgresUrl url = PostgresUrl.parse(pgAdmin);
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.properties())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + pgSchema);
            }
            c.setAutoCommit(false);
            for (Table t : db.tables()) {
                List<org.relgraph.table.Column> columns = t.columns();
                StringBuilder create = new StringBuilder("CREATE TABLE " + pgSchema + "." + t.name() + " (");
                for (org.relgraph.table.Column col : columns) {
                    String type = col instanceof DoubleColumn ? "double precision"
                            : col instanceof LongColumn && col.type() == SemanticType.TIMESTAMP ? "timestamp"
                            : col instanceof LongColumn ? "bigint" : "text";
                    create.append('"').append(col.name()).append("\" ").append(type)
                            .append(col.name().equals(t.schema().primaryKey()) ? " PRIMARY KEY" : "").append(", ");
                }
                create.setLength(create.length() - 2);
                try (Statement s = c.createStatement()) {
                    s.execute(create + ")");
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + pgSchema + "." + t.name()
                        + " VALUES (" + "?,".repeat(columns.size() - 1) + "?)")) {
                    for (int row = t.rowCount() - 1; row >= 0; row--) {
                        for (int i = 0; i < columns.size(); i++) {
                            p.setObject(i + 1, value(columns.get(i), row));
                        }
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            c.commit();
        }
    }

    private static Object value(org.relgraph.table.Column c, int row) {
        if (c.isNull(row)) {
            return null;
        }
        if (c instanceof DoubleColumn d) {
            return d.get(row);
        }
        if (c instanceof LongColumn l) {
            return c.type() == SemanticType.TIMESTAMP
                    ? Instant.ofEpochMilli(l.get(row)).atOffset(ZoneOffset.UTC).toLocalDateTime() : l.get(row);
        }
        return ((CategoricalColumn) c).get(row);
    }
}

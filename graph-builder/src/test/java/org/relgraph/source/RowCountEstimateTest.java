package org.relgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row counts before loading: Parquet metadata, a sample of a CSV file, PostgreSQL's statistics. */
class RowCountEstimateTest {
    @TempDir
    Path dir;

    /** Lines of varying length (a random-length note) past the 1 MiB sample, as a real export has. */
    private static void writeRows(Writer w, int rows) throws IOException {
        Random random = new Random(7);
        w.write("id,amount,note\n");
        for (int i = 1; i <= rows; i++) {
            w.write(i + "," + random.nextInt(100_000) / 100.0 + "," + "x".repeat(random.nextInt(40)) + "\n");
        }
    }

    private static final String SCHEMA = """
            tables:
              - name: t
                primary_key: id
                columns: {id: id, amount: numerical, note: text}
            """;

    @Test
    void aLargeCsvIsEstimatedFromLinesSpreadOverItWithinOnePercent() throws IOException {
        int rows = 100_000;
        try (Writer w = Files.newBufferedWriter(dir.resolve("t.csv"))) {
            writeRows(w, rows);
        }
        assertTrue(Files.size(dir.resolve("t.csv")) > 2 * DataFileRows.CSV_SAMPLE_BYTES, "the test needs a sample");
        Files.writeString(dir.resolve("schema.yaml"), SCHEMA);
        RowCounts counts = new FolderSource(dir, null).estimateRows();
        assertEquals(rows, counts.rows("t"), rows * 0.01);
        assertTrue(counts.anyEstimated(), "a CSV count is an estimate");
    }

    @Test
    void linesThatGrowThroughTheFileAreNotCountedFromTheFirstOnes() throws IOException {
        int rows = 60_000;
        try (Writer w = Files.newBufferedWriter(dir.resolve("t.csv"))) {
            w.write("id,amount,note\n");
            for (int i = 0; i < rows; i++) {
                // an export ordered by key whose notes lengthen from 0 to 80 characters: the first 1 MiB holds lines
                // much shorter than the average, so counting from the beginning alone would report 1.6 times the rows
                w.write(i + ",1.5," + "y".repeat(i * 80 / rows) + "\n");
            }
        }
        Files.writeString(dir.resolve("schema.yaml"), SCHEMA);
        assertEquals(rows, new FolderSource(dir, null).estimateRows().rows("t"), rows * 0.02);
    }

    @Test
    void aGzippedCsvIsEstimatedFromItsCompressionRatio() throws IOException {
        int rows = 200_000;
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("t.csv.gz")));
             Writer w = new java.io.OutputStreamWriter(gz, StandardCharsets.UTF_8)) {
            writeRows(w, rows);
        }
        Files.writeString(dir.resolve("schema.yaml"), SCHEMA);
        long estimate = new FolderSource(dir, null).estimateRows().rows("t");
        // the file's size alone would give a third of the rows: the ratio of the sample scales it up
        assertEquals(rows, estimate, rows * 0.05);
    }

    @Test
    void aSmallCsvIsCountedLineByLineWithOrWithoutAFinalLineBreak() throws IOException {
        new CsvFolder(dir).file("t.csv", "id,amount,note", "1,2.5,a", "2,3.5,b").schema(SCHEMA.split("\n"));
        assertEquals(2, new FolderSource(dir, null).estimateRows().rows("t"));
        Files.writeString(dir.resolve("t.csv"), "id,amount,note\n1,2.5,a\n2,3.5,b\n3,1,c");
        assertEquals(3, new FolderSource(dir, null).estimateRows().rows("t"));
        Files.writeString(dir.resolve("t.csv"), "id,amount,note\n");
        assertEquals(0, new FolderSource(dir, null).estimateRows().rows("t"));
    }

    @Test
    void parquetRowsComeExactlyFromTheFileMetadata() throws Exception {
        Path file = dir.resolve("t.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            // several row groups, so the count is their sum
            s.execute("COPY (SELECT i AS id, i * 0.5 AS amount, 'n' || i AS note FROM range(250000) r(i)) TO '"
                    + file + "' (FORMAT PARQUET, ROW_GROUP_SIZE 100000)");
        }
        Files.writeString(dir.resolve("schema.yaml"), SCHEMA);
        RowCounts counts = new FolderSource(dir, null).estimateRows();
        assertEquals(250_000, counts.rows("t"));
        assertFalse(counts.anyEstimated(), "Parquet states its row count");
    }

    @Test
    void postgresCountsComeFromStatisticsAndFromThePlannerWhenNeverAnalysed() throws Exception {
        String url = System.getenv("RELGRAPH_TEST_PG_URL");
        assertFalse(url == null && System.getenv("RELGRAPH_REQUIRE_PG") != null,
                "RELGRAPH_REQUIRE_PG is set but RELGRAPH_TEST_PG_URL is not");
        assumeTrue(url != null, "RELGRAPH_TEST_PG_URL is not set: skipping the PostgreSQL case");
        String schema = "rc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE TABLE " + schema + ".customers (customer_id int PRIMARY KEY, segment text)");
            // autovacuum off: this table stays never analysed (reltuples = -1) for the planner's fallback
            s.execute("CREATE TABLE " + schema + ".events (event_id int PRIMARY KEY, customer_id int REFERENCES "
                    + schema + ".customers, amount float8) WITH (autovacuum_enabled = false)");
            s.execute("INSERT INTO " + schema + ".customers SELECT i, 'a' FROM generate_series(1, 3000) i");
            s.execute("INSERT INTO " + schema + ".events SELECT i, 1 + i % 3000, i FROM generate_series(1, 40000) i");
            s.execute("ANALYZE " + schema + ".customers");
        }
        try {
            String sep = url.contains("?") ? "&" : "?";
            RowCounts counts = DataSources.open(url + sep + "schema=" + schema).estimateRows();
            assertEquals(3000, counts.rows("customers"));
            // the planner scales the pages on disk by its guess of a row's width: close, not exact
            assertEquals(40_000, counts.rows("events"), 40_000 * 0.25);
            assertTrue(counts.anyEstimated());
        } finally {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}

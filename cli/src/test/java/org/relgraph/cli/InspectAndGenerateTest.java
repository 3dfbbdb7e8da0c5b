package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the commands as a user would, through picocli, on the bundled sample and on generated data. */
class InspectAndGenerateTest {
    static final Path SAMPLE = locate("docs/sample-data/mini-bank");

    static Path locate(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void inspectReportsTablesEdgesAndNoProblemsOnTheSample() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("inspect", "--data", SAMPLE.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.matches("(?s).*customers\\s+30 rows.*"), r.out);
        assertTrue(r.out.contains("accounts -[customer_id]-> customers"), r.out);
        assertTrue(r.out.contains("customers -[rev_customer_id]-> accounts"), r.out);
        assertTrue(r.out.contains("Schema problems: none"), r.out);
    }

    @Test
    void inspectReportsTheLoadOnStderrLikeTheOtherCommands() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("inspect", "--data", SAMPLE.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.err.startsWith("Loading folder " + SAMPLE), r.err);
        assertTrue(r.err.matches("(?s).*\n  transactions +166 rows .*"), r.err);
        assertTrue(r.err.matches("(?s).*\nLoaded 277 rows of 5 tables in .*; peak [0-9]+ MB RSS so far\n.*"), r.err);
        assertTrue(r.err.contains("\n  memory: Java heap "), "the load says how memory was divided: " + r.err);
        assertFalse(r.out.contains("Loading"), "stdout carries only the report: " + r.out);
    }

    @Test
    void inspectOfAMissingFolderIsOneLineWithAHint() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("inspect", "--data", "/no/such/folder");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("no such folder: /no/such/folder"), r.err);
        assertTrue(r.err.contains("hint:"), r.err);
        assertFalse(r.err.contains("\tat "), r.err);
    }

    @Test
    void inspectListsDataErrorsAndExitsWithOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("customers.csv"), "customer_id,name\n1,a\n1,b\n");
        Files.writeString(dir.resolve("schema.yaml"), """
                tables:
                  - name: customers
                    primary_key: customer_id
                    columns: {customer_id: id, name: text}
                """);
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("inspect", "--data", dir.toString());
        assertEquals(1, r.code, r.out + r.err);
        assertTrue(r.out.contains("ERROR") && r.out.contains("customer_id"), r.out);
    }

    @Test
    void inferSchemaWritesAFileThatLoadsBack(@TempDir Path dir) throws Exception {
        for (String f : new String[] {"customers.csv", "accounts.csv", "transactions.csv"}) {
            Files.copy(SAMPLE.resolve(f), dir.resolve(f));
        }
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("inspect", "--data", dir.toString(),
                "--infer-schema");
        assertEquals(0, r.code, r.err);
        String yaml = Files.readString(dir.resolve("schema.yaml"));
        assertTrue(yaml.contains("references: customers") && yaml.contains("references: accounts"), yaml);
        assertTrue(r.out.contains("transactions -[account_id]-> accounts"), r.out);
    }

    @Test
    void inspectReadsAParquetFolder(@TempDir Path tmp) {
        Path out = tmp.resolve("bank-parquet");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "200",
                "--format", "parquet", "--out", out.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
        assertTrue(Files.isRegularFile(out.resolve("transactions.parquet")));
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("inspect", "--data", out.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.matches("(?s).*customers\\s+200 rows.*"), r.out);
        assertTrue(r.out.contains("interaction_history -[customer_id]-> customers"), r.out);
    }

    @Test
    void inspectReadsALivePostgresDatabaseFromItsCatalogue() throws Exception {
        String url = System.getenv("RELGRAPH_TEST_PG_URL");
        assertFalse(url == null && System.getenv("RELGRAPH_REQUIRE_PG") != null,
                "RELGRAPH_REQUIRE_PG is set but RELGRAPH_TEST_PG_URL is not");
        org.junit.jupiter.api.Assumptions.assumeTrue(url != null, "RELGRAPH_TEST_PG_URL not set: skipping");
        String schema = "cli_" + Long.toHexString(System.nanoTime());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE TABLE " + schema + ".customers (customer_id int PRIMARY KEY, segment text, "
                    + "joined_on date)");
            s.execute("CREATE TABLE " + schema + ".orders (order_id int PRIMARY KEY, customer_id int REFERENCES "
                    + schema + ".customers, amount numeric, created_at timestamp)");
            s.execute("INSERT INTO " + schema + ".customers VALUES (1, 'a', '2022-01-01'), (2, 'b', '2022-02-01')");
            s.execute("INSERT INTO " + schema + ".orders VALUES (10, 1, 5.5, '2022-03-01'), (11, 1, 7, "
                    + "'2022-04-01'), (12, 2, 1, '2022-05-01')");
        }
        try {
            String sep = url.contains("?") ? "&" : "?";
            RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("inspect", "--data",
                    url + sep + "schema=" + schema);
            assertEquals(0, r.code, r.err);
            assertTrue(r.out.contains("orders -[customer_id]-> customers"), r.out);
            assertTrue(r.out.matches("(?s).*orders\\s+3 rows.*time created_at.*"), r.out);
            assertFalse(r.out.contains("password="), "the password must not be printed: " + r.out);
        } finally {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
                 java.sql.Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void generateBankWritesALoadableFolderAndRefusesToOverwrite(@TempDir Path tmp) {
        Path out = tmp.resolve("bank");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "300",
                "--out", out.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
        assertTrue(Files.isRegularFile(out.resolve("schema.yaml")));
        RelgraphCommandTest.Run again = new RelgraphCommandTest.Run("generate", "bank", "--customers", "300",
                "--out", out.toString());
        assertEquals(2, again.code);
        assertTrue(again.err.contains("--force"), again.err);
        RelgraphCommandTest.Run inspect = new RelgraphCommandTest.Run("inspect", "--data", out.toString());
        assertEquals(0, inspect.code, inspect.err);
        assertTrue(inspect.out.contains("transactions -[customer_id]-> customers"), inspect.out);
    }
}

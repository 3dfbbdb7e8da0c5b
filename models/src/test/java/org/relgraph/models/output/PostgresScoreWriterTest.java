package org.relgraph.models.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.SchemaException;

class PostgresScoreWriterTest {
    private static final LocalDate MARCH = LocalDate.of(2025, 3, 31);
    private static final LocalDate APRIL = LocalDate.of(2025, 4, 30);

    private String url;
    private String table;
    private String schema;
    private Connection db;

    @BeforeEach
    void connect() throws SQLException {
        url = TestPostgres.urlOrSkip();
        table = TestPostgres.uniqueName("scores");
        db = TestPostgres.connect(url);
    }

    @AfterEach
    void dropTables() throws SQLException {
        if (db == null) {
            return;
        }
        try (Statement statement = db.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            if (schema != null) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        db.close();
    }

    @Test
    void twoAsOfDatesThenARerunOfTheFirstReplaceOnlyThatDate() throws Exception {
        ScoreTable marchFirstRun = SampleScores.propensity(300, 1);
        ScoreTable april = SampleScores.propensity(200, 2);
        ScoreTable marchRerun = SampleScores.propensity(120, 3);

        ScoreOutputs.write(target(), new WriteOptions(MARCH, "gnn-v1"), marchFirstRun);
        ScoreOutputs.write(target(), new WriteOptions(APRIL, "gnn-v1"), april);
        ScoreOutputs.write(target(), new WriteOptions(MARCH, "gnn-v2"), marchRerun);

        assertEquals(Map.of(MARCH, 120L, APRIL, 200L), countsPerDate());
        assertEquals(SampleScores.rows(marchRerun), rowsOf(MARCH));
        assertEquals(SampleScores.rows(april), rowsOf(APRIL));
        assertEquals(List.of("gnn-v2"), modelIdsOf(MARCH));
        assertEquals(List.of("gnn-v1"), modelIdsOf(APRIL));
    }

    @Test
    void theTargetGetsAsOfDateAndModelIdFirstAndLowerCaseScoreColumns() throws Exception {
        ScoreOutputs.write(target(), new WriteOptions(MARCH, "gnn-v1"), SampleScores.propensity(3, 1));

        assertEquals(List.of("as_of_date date", "model_id text", "customer_id bigint", "name text",
                "mortgage_propensity double precision", "rank bigint", "recommended_action text",
                "last_contact date"), columnsOf("public", table));
    }

    @Test
    void scoringThatFailsBeforeCommitLeavesTheTargetUntouched() throws Exception {
        ScoreOutputs.write(target(), new WriteOptions(MARCH, "gnn-v1"), SampleScores.propensity(50, 1));
        List<List<Object>> before = rowsOf(MARCH);

        assertThrows(IllegalStateException.class, () -> {
            try (ScoreTableWriter writer = ScoreOutputs.open(target(), new WriteOptions(MARCH, "gnn-v2"))) {
                writer.append(SampleScores.propensity(40, 2));
                writer.append(SampleScores.propensity(40, 3));
                throw new IllegalStateException("scorer crashed");
            }
        });

        assertEquals(Map.of(MARCH, 50L), countsPerDate());
        assertEquals(before, rowsOf(MARCH));
    }

    @Test
    void anInsertThatFailsAfterTheDeleteRollsBackTheDelete() throws Exception {
        ScoreOutputs.write(target(), new WriteOptions(MARCH, "gnn-v1"), SampleScores.propensity(50, 1));
        List<List<Object>> before = rowsOf(MARCH);
        // A DBA's constraint that the new run violates: the DELETE of March succeeds, the INSERT then fails.
        execute("ALTER TABLE " + table + " ADD CONSTRAINT rank_below_100 CHECK (rank < 100)");

        SchemaException error = assertThrows(SchemaException.class, () -> ScoreOutputs.write(target(),
                new WriteOptions(MARCH, "gnn-v2"), SampleScores.propensity(150, 2)));

        assertTrue(error.getMessage().contains("rank_below_100"), error.getMessage());
        assertTrue(error.hint().contains("unchanged"), error.hint());
        assertEquals(Map.of(MARCH, 50L), countsPerDate());
        assertEquals(before, rowsOf(MARCH));
        assertEquals(List.of("gnn-v1"), modelIdsOf(MARCH));
    }

    @Test
    void twoRunsForTheSameDateCommittingAtOnceLeaveOnlyOneRunsRows() throws Exception {
        ScoreOutputs.write(target(), new WriteOptions(MARCH, "gnn-v1"), SampleScores.propensity(30, 1));
        ScoreTableWriter first = ScoreOutputs.open(target(), new WriteOptions(MARCH, "retry-a"));
        ScoreTableWriter second = ScoreOutputs.open(target(), new WriteOptions(MARCH, "retry-b"));
        first.append(SampleScores.propensity(20, 2));
        second.append(SampleScores.propensity(25, 3));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Connection blocker = TestPostgres.connect(url)) {
            // Hold both commits at the door, so they start together instead of one after the other.
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("LOCK TABLE " + table + " IN SHARE ROW EXCLUSIVE MODE");
            }
            Future<?> a = threads.submit(first::commit);
            Future<?> b = threads.submit(second::commit);
            awaitWaitingLocks(2);
            blocker.commit();
            a.get(30, TimeUnit.SECONDS);
            b.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
            first.close();
            second.close();
        }

        Map<LocalDate, Long> counts = countsPerDate();
        List<String> models = modelIdsOf(MARCH);
        assertEquals(1, models.size(), "rows of exactly one run: " + models);
        assertEquals(models.get(0).equals("retry-a") ? 20L : 25L, counts.get(MARCH));
    }

    private void awaitWaitingLocks(int waiting) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (var query = db.prepareStatement("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                    + "WHERE c.relname = ? AND NOT l.granted")) {
                query.setString(1, table);
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= waiting) {
                        return;
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the two commits never queued on the table lock");
    }

    @Test
    void anExistingTableWithIncompatibleColumnsIsAOneLineErrorAndStaysUnchanged() throws Exception {
        execute("CREATE TABLE " + table + " (as_of_date date, model_id text, customer_id bigint, "
                + "mortgage_propensity text, segment text NOT NULL)");
        ScoreTable scores = ScoreTable.builder()
                .column("CUSTOMER_ID", ScoreColumn.Kind.INTEGER)
                .column("MORTGAGE_PROPENSITY", ScoreColumn.Kind.DOUBLE)
                .column("RANK", ScoreColumn.Kind.INTEGER)
                .addRow(1L, 0.5, 1L)
                .build();

        SchemaException error = assertThrows(SchemaException.class,
                () -> ScoreOutputs.write(target(), new WriteOptions(MARCH, "gnn-v1"), scores));

        assertEquals("table public." + table + " on localhost:5432/relgraph_test has incompatible columns: "
                + "mortgage_propensity is text but relgraph writes double precision; rank is missing; "
                + "segment is NOT NULL without a default but relgraph does not write it", error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
        assertTrue(error.hint().startsWith("write to a new table"), error.hint());
        assertEquals(List.of("as_of_date date", "model_id text", "customer_id bigint", "mortgage_propensity text",
                "segment text"), columnsOf("public", table));
    }

    @Test
    void aTableRelgraphDidNotCreateIsRefusedBeforeAnyScoringAndStaysUnchanged() throws Exception {
        execute("CREATE TABLE " + table + " (customer_id bigint, mortgage_propensity double precision)");
        execute("INSERT INTO " + table + " VALUES (1, 0.5)");

        SchemaException error = assertThrows(SchemaException.class,
                () -> ScoreOutputs.checkDestination(target(), org.relgraph.io.ReplacePolicy.ANYTHING));

        assertEquals("table public." + table + " on localhost:5432/relgraph_test exists and is not a score table "
                + "relgraph wrote (it has no as_of_date and model_id columns)", error.getMessage());
        assertTrue(error.hint().startsWith("write to a new table"), error.hint());
        assertEquals(List.of("customer_id bigint", "mortgage_propensity double precision"), columnsOf("public",
                table));
    }

    @Test
    void checkingANewTableCreatesNothing() throws Exception {
        ScoreOutputs.checkDestination(target(), org.relgraph.io.ReplacePolicy.OWN_OUTPUT_ONLY);

        assertEquals(List.of(), columnsOf("public", table));
    }

    @Test
    void anExistingTableWithExtraNullableColumnsAndWiderTypesIsAccepted() throws Exception {
        execute("CREATE TABLE " + table + " (loaded_at timestamptz DEFAULT now(), as_of_date date, "
                + "model_id varchar(40), customer_id integer, mortgage_propensity numeric, note text)");
        ScoreTable scores = ScoreTable.builder()
                .column("CUSTOMER_ID", ScoreColumn.Kind.INTEGER)
                .column("MORTGAGE_PROPENSITY", ScoreColumn.Kind.DOUBLE)
                .addRow(7L, 0.25)
                .build();

        ScoreOutputs.write(target(), new WriteOptions(MARCH, "gnn-v1"), scores);

        assertEquals(Map.of(MARCH, 1L), countsPerDate());
    }

    @Test
    void aSchemaParameterWritesIntoThatSchema() throws Exception {
        schema = TestPostgres.uniqueName("relgraph_out");
        execute("CREATE SCHEMA " + schema);

        ScoreOutputs.write(TestPostgres.withParams(url, "table=" + table + "&schema=" + schema),
                new WriteOptions(MARCH, "gnn-v1"), SampleScores.propensity(5, 1));

        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + schema + "." + table)) {
            rs.next();
            assertEquals(5, rs.getLong(1));
        }
    }

    @Test
    void aMissingSchemaIsAOneLineErrorWithAHint() {
        String missing = TestPostgres.uniqueName("no_such_schema");

        SchemaException error = assertThrows(SchemaException.class, () -> ScoreOutputs.write(
                TestPostgres.withParams(url, "table=" + table + "&schema=" + missing),
                new WriteOptions(MARCH, "gnn-v1"), SampleScores.propensity(5, 1)));

        assertEquals("schema " + missing + " does not exist on localhost:5432/relgraph_test", error.getMessage());
        assertTrue(error.hint().contains("CREATE SCHEMA " + missing), error.hint());
    }

    @Test
    void aWrongPasswordIsAOneLineErrorThatNeverShowsThePassword() {
        String secret = "Wr0ng-S3cret!&=%";
        String badUrl = TestPostgres.withParams(url, "password=" + java.net.URLEncoder.encode(secret,
                java.nio.charset.StandardCharsets.UTF_8) + "&table=" + table);

        SchemaException error = assertThrows(SchemaException.class,
                () -> ScoreOutputs.open(badUrl, new WriteOptions(MARCH, "gnn-v1")));

        assertEquals("PostgreSQL at localhost:5432/relgraph_test rejected the password for user relgraph",
                error.getMessage());
        assertTrue(error.hint().contains("PGPASSWORD"), error.hint());
        PasswordLeaks.assertNotIn(error, secret);
        PasswordLeaks.assertNotIn(error, java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aPasswordFromTheEnvironmentIsUsedAndNeverShown() {
        String noCredentials = url.replaceAll("[?&](user|password)=[^&]*", "");
        String target = TestPostgres.withParams(noCredentials, "table=" + table);
        Map<String, String> env = Map.of("PGUSER", "relgraph", "PGPASSWORD", "env-secret-123");

        SchemaException error = assertThrows(SchemaException.class,
                () -> ScoreOutputs.open(target, new WriteOptions(MARCH, "gnn-v1"), env::get));

        assertTrue(error.getMessage().contains("rejected the password for user relgraph"), error.getMessage());
        PasswordLeaks.assertNotIn(error, "env-secret-123");
    }

    @Test
    void aMissingDatabaseIsAOneLineErrorWithAHint() {
        String otherDb = url.replaceFirst("/relgraph_test", "/relgraph_no_such_db");

        SchemaException error = assertThrows(SchemaException.class, () -> ScoreOutputs.open(
                TestPostgres.withParams(otherDb, "table=" + table), new WriteOptions(MARCH, "gnn-v1")));

        assertEquals("PostgreSQL at localhost:5432/relgraph_no_such_db: database does not exist", error.getMessage());
        PasswordLeaks.assertNotIn(error, "password=");
    }

    @Test
    void aScoreColumnNamedLikeTheRunColumnsIsRejected() {
        ScoreTable clash = ScoreTable.builder().column("AS_OF_DATE", ScoreColumn.Kind.DATE).addRow(MARCH).build();

        SchemaException error = assertThrows(SchemaException.class,
                () -> ScoreOutputs.write(target(), new WriteOptions(MARCH, "gnn-v1"), clash));

        assertEquals("the scores already have a column named AS_OF_DATE", error.getMessage());
    }

    private String target() {
        return TestPostgres.withParams(url, "table=" + table);
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private Map<LocalDate, Long> countsPerDate() throws SQLException {
        Map<LocalDate, Long> counts = new TreeMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("SELECT as_of_date, count(*) FROM " + table + " GROUP BY 1")) {
            while (rs.next()) {
                counts.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
            }
        }
        return counts;
    }

    private List<String> modelIdsOf(LocalDate asOf) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (var query = db.prepareStatement("SELECT DISTINCT model_id FROM " + table + " WHERE as_of_date = ?")) {
            query.setObject(1, asOf);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** The score columns of one as-of date in customer order, boxed like {@link ScoreColumn#value}. */
    private List<List<Object>> rowsOf(LocalDate asOf) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (var query = db.prepareStatement("SELECT customer_id, name, mortgage_propensity, rank, "
                + "recommended_action, last_contact FROM " + table + " WHERE as_of_date = ? ORDER BY customer_id")) {
            query.setObject(1, asOf);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(java.util.Arrays.asList(rs.getObject(1), rs.getObject(2), rs.getObject(3), rs.getObject(4),
                            rs.getObject(5), rs.getObject(6, LocalDate.class)));
                }
            }
        }
        return rows;
    }

    private List<String> columnsOf(String schemaName, String tableName) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (var query = db.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            query.setString(1, schemaName);
            query.setString(2, tableName);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return columns;
    }

    @Test
    void aServerAskingForAPasswordNoneGivenSaysSo() {
        String noPassword = url.replaceAll("[?&]password=[^&]*", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(!noPassword.equals(url), "the test URL has no password=");
        PostgresTarget target = PostgresTarget.parse(TestPostgres.withParams(noPassword, "table=" + table),
                name -> null);
        SchemaException e = assertThrows(SchemaException.class, target::connect);
        assertTrue(e.getMessage().endsWith("for a password, and none was given"), e.getMessage());
        assertTrue(e.hint().contains("PGPASSWORD"), e.hint());
    }
}

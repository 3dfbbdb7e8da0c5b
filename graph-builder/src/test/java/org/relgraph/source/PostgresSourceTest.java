package org.relgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Database;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;
import org.relgraph.validate.ValidationException;

/** Needs a PostgreSQL server: set RELGRAPH_TEST_PG_URL (CI does); skipped otherwise. */
class PostgresSourceTest {
    private static final String URL = System.getenv("RELGRAPH_TEST_PG_URL");
    private static String schemaName;

    @BeforeAll
    static void createTables() throws Exception {
        // CI sets RELGRAPH_REQUIRE_PG so a missing server fails the build instead of skipping silently.
        org.junit.jupiter.api.Assertions.assertFalse(URL == null && System.getenv("RELGRAPH_REQUIRE_PG") != null,
                "RELGRAPH_REQUIRE_PG is set but RELGRAPH_TEST_PG_URL is not");
        assumeTrue(URL != null, "RELGRAPH_TEST_PG_URL is not set: skipping PostgreSQL tests");
        schemaName = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schemaName);
            s.execute("SET search_path TO " + schemaName);
            s.execute("CREATE TABLE customers (customer_id integer PRIMARY KEY, segment text, "
                    + "birth_date date, joined_at timestamptz NOT NULL)");
            s.execute("CREATE TABLE products (code text PRIMARY KEY, name text UNIQUE)");
            s.execute("CREATE TABLE accounts (account_id bigint PRIMARY KEY, "
                    + "customer_id integer REFERENCES customers, opened date, balance numeric(12,2), "
                    + "overdraft boolean)");
            s.execute("CREATE TABLE transactions (txn_id bigint PRIMARY KEY, account_id bigint NOT NULL "
                    + "REFERENCES accounts, created_at timestamp, amount double precision, note text)");
            s.execute("CREATE TABLE holdings (holding_id serial PRIMARY KEY, account_id bigint REFERENCES accounts, "
                    + "product_code text REFERENCES products, product_name text REFERENCES products (name))");
            s.execute("INSERT INTO customers SELECT i, CASE WHEN i % 2 = 0 THEN 'mass' ELSE 'affluent' END, "
                    + "date '1980-01-01' + i, timestamptz '2022-01-01 00:00:00+00' + i * interval '1 day' "
                    + "FROM generate_series(1, 20) i");
            s.execute("INSERT INTO products VALUES ('CC', 'credit card'), ('MO', 'mortgage')");
            s.execute("INSERT INTO accounts SELECT 100 + i, 1 + i % 20, date '2023-01-01' + i, i * 10.5, "
                    + "i % 3 = 0 FROM generate_series(1, 30) i");
            s.execute("INSERT INTO transactions SELECT i, 101 + i % 30, timestamp '2023-06-01 12:00:00' "
                    + "+ i * interval '1 hour', i * 1.25, 'payment number ' || i FROM generate_series(1, 200) i");
            s.execute("INSERT INTO holdings (account_id, product_code, product_name) SELECT 101 + i % 30, "
                    + "CASE WHEN i % 2 = 0 THEN 'CC' ELSE 'MO' END, CASE WHEN i % 2 = 0 THEN 'credit card' END "
                    + "FROM generate_series(1, 12) i");
        }
    }

    @AfterAll
    static void dropTables() throws Exception {
        if (URL != null && schemaName != null) {
            try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schemaName + " CASCADE");
            }
        }
    }

    private static String url(String param) {
        return URL + (URL.contains("?") ? "&" : "?") + param;
    }

    @Test
    void loadsKeysTypesAndTimeColumnsFromTheCatalogueWithoutASchemaFile() {
        DataSource source = DataSources.open(url("schema=" + schemaName));
        Schema schema = source.schema();
        TableSchema accounts = schema.requireTable("accounts");
        assertEquals("account_id", accounts.primaryKey());
        assertEquals(SemanticType.ID, accounts.column("customer_id").orElseThrow().type());
        assertEquals(SemanticType.NUMERICAL, accounts.column("balance").orElseThrow().type());
        assertEquals(SemanticType.BOOLEAN, accounts.column("overdraft").orElseThrow().type());
        assertEquals(SemanticType.CATEGORICAL, schema.requireTable("customers").column("segment").orElseThrow().type());
        assertEquals("joined_at", schema.requireTable("customers").timeColumn());
        assertEquals("opened", accounts.timeColumn());
        assertEquals("created_at", schema.requireTable("transactions").timeColumn());
        assertNull(schema.requireTable("products").timeColumn());
        assertNull(schema.requireTable("holdings").timeColumn());
        assertTrue(schema.foreignKeys().contains(new ForeignKey("holdings", "product_code", "products")));
        // holdings.product_name references products.name, not its primary key: rows link through keys only
        assertEquals(4, schema.foreignKeys().size(), schema.foreignKeys().toString());

        Database db = source.load(LoadOptions.defaults()).database();
        assertEquals(20, db.table("customers").rowCount());
        assertEquals(2, db.table("products").rowCount());
        assertEquals(30, db.table("accounts").rowCount());
        assertEquals(200, db.table("transactions").rowCount());
        assertEquals(12, db.table("holdings").rowCount());

        for (ForeignKey fk : schema.foreignKeys()) {
            int[] parents = db.parentRows(fk);
            Table child = db.table(fk.table());
            Table parent = db.table(fk.referencedTable());
            String pk = parent.schema().primaryKey();
            for (int r = 0; r < parents.length; r++) {
                assertEquals(child.requireColumn(fk.column()).format(r), parent.requireColumn(pk).format(parents[r]),
                        fk + " row " + r);
            }
        }
        Table customers = db.table("customers");
        assertEquals(Instant.parse("2022-01-02T00:00:00Z").toEpochMilli(),
                customers.timeColumn().orElseThrow().get(0)); // ordered by key: customer 1
        Table tx = db.table("transactions");
        assertEquals(Instant.parse("2023-06-01T13:00:00Z").toEpochMilli(), tx.timeColumn().orElseThrow().get(0));
        assertEquals(1.25, ((DoubleColumn) tx.requireColumn("amount")).get(0));
        assertInstanceOf(LongColumn.class, tx.requireColumn("account_id"));
        assertInstanceOf(CategoricalColumn.class, db.table("products").requireColumn("code"));
        assertEquals(1.0, ((DoubleColumn) db.table("accounts").requireColumn("overdraft")).get(2)); // account 103
        assertEquals(31.5, ((DoubleColumn) db.table("accounts").requireColumn("balance")).get(2));
    }

    @Test
    void aSchemaFileOverridesTheCatalogue(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("schema.yaml");
        Files.writeString(yaml, String.join("\n", "tables:", "  - name: customers", "    primary_key: customer_id",
                "    time_column: birth_date", "    columns: {customer_id: id, birth_date: timestamp}",
                "  - name: customer_accounts", "    source: accounts", "    primary_key: account_id",
                "    columns: {account_id: id, customer_id: id}",
                "    foreign_keys:", "      - {column: customer_id, references: customers}", ""));
        DataSource source = DataSources.open(url("schema=" + schemaName), yaml);
        Database db = source.load(LoadOptions.defaults()).database();
        assertEquals("birth_date", db.table("customers").schema().timeColumn());
        assertEquals(2, db.table("customers").columns().size());
        assertEquals(30, db.table("customer_accounts").rowCount());
    }

    @Test
    void anEmptyTableFailsTheLoadWithAReport() throws Exception {
        String empty = schemaName + "_empty";
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + empty);
            s.execute("CREATE TABLE " + empty + ".customers (customer_id integer PRIMARY KEY)");
        }
        try {
            ValidationException e = assertThrows(ValidationException.class,
                    () -> DataSources.open(url("schema=" + empty)).load(LoadOptions.defaults()));
            assertTrue(e.getMessage().contains("table 'customers': has no rows"), e.getMessage());
            assertTrue(e.getMessage().contains("schema " + empty), e.getMessage());
        } finally {
            try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + empty + " CASCADE");
            }
        }
    }

    @Test
    void aWrongPasswordIsOneCleanMessageWithoutThePassword() {
        String bad = URL.replaceAll("password=[^&]*", "password=not-the-password");
        assumeTrue(!bad.equals(URL), "RELGRAPH_TEST_PG_URL has no password= to replace");
        SchemaException e = assertThrows(SchemaException.class, () -> DataSources.open(bad).schema());
        assertTrue(e.getMessage().contains("rejected the password"), e.getMessage());
        assertTrue(e.userMessage().contains("PGPASSWORD"), e.userMessage());
        assertFalse(e.userMessage().contains("not-the-password"), e.userMessage());
        assertInstanceOf(PSQLException.class, e.getCause());
    }

    @Test
    void aMissingDatabaseIsNamed() {
        String url = URL.replaceFirst("/[^/?]+(\\?|$)", "/no_such_db_relgraph$1");
        SchemaException e = assertThrows(SchemaException.class, () -> DataSources.open(url).schema());
        assertTrue(e.getMessage().contains("database 'no_such_db_relgraph' does not exist"), e.getMessage());
    }

    @Test
    void anUnreachableServerSaysSo() {
        String url = URL.replaceFirst("//[^/]+/", "//127.0.0.1:1/");
        SchemaException e = assertThrows(SchemaException.class, () -> DataSources.open(url).schema());
        assertTrue(e.getMessage().contains("cannot reach PostgreSQL at 127.0.0.1:1"), e.getMessage());
    }

    @Test
    void anEmptyOrUnknownSchemaHasNoTables() {
        SchemaException e = assertThrows(SchemaException.class,
                () -> DataSources.open(url("schema=no_such_schema_relgraph")).schema());
        assertTrue(e.userMessage().contains("schema 'no_such_schema_relgraph' has no tables"), e.userMessage());
    }
}

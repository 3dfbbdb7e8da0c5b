package org.relgraph.source;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Database;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;
import org.relgraph.validate.ValidatedDatabase;

class FolderSourceTest {
    @TempDir
    Path dir;

    private static long epochMs(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void loadsTheMiniBankSampleWithItsSchemaYaml() {
        ValidatedDatabase loaded = DataSources.open(CsvFolder.MINI_BANK.toString()).load();
        assertTrue(loaded.report().problems().isEmpty(), loaded.report().format()); // the quick start is clean
        Database db = loaded.database();

        assertEquals(30, db.table("customers").rowCount());
        assertEquals(5, db.table("products").rowCount());
        assertEquals(41, db.table("accounts").rowCount());
        assertEquals(166, db.table("transactions").rowCount());
        assertEquals(35, db.table("product_holdings").rowCount());

        Table customers = db.table("customers");
        assertEquals(epochMs("2022-11-24T00:00:00Z"), ((LongColumn) customers.requireColumn("joined_on")).get(0));
        assertEquals("Ghent", customers.requireColumn("city").format(0));
        Table accounts = db.table("accounts");
        assertEquals(0.0, ((DoubleColumn) accounts.requireColumn("overdraft")).get(0)); // "false"
        Table tx = db.table("transactions");
        assertEquals(-238.02, ((DoubleColumn) tx.requireColumn("amount")).get(0), 1e-9);
        assertEquals(epochMs("2022-03-18T18:30:00Z"), tx.timeColumn().orElseThrow().get(0));

        // every account row is linked to the customer whose key it holds
        int[] parents = db.parentRows(new ForeignKey("accounts", "customer_id", "customers"));
        LongColumn childKeys = (LongColumn) accounts.requireColumn("customer_id");
        LongColumn parentKeys = (LongColumn) customers.requireColumn("customer_id");
        for (int r = 0; r < accounts.rowCount(); r++) {
            assertEquals(childKeys.get(r), parentKeys.get(parents[r]), "accounts row " + r);
        }
    }

    @Test
    void aListenerHearsEveryTableWithItsRowCount() {
        java.util.List<String> heard = new java.util.ArrayList<>();
        LoadListener listener = (table, rows, nanos) -> {
            assertTrue(nanos >= 0);
            heard.add(table + " " + rows);
        };
        Database db = DataSources.open(CsvFolder.MINI_BANK.toString())
                .load(LoadOptions.defaults().withListener(listener)).database();
        assertEquals(db.tables().size(), heard.size(), heard.toString());
        assertEquals("customers 30", heard.get(0), "tables are read in schema order");
        assertTrue(heard.contains("transactions 166"), heard.toString());
    }

    @Test
    void readsTheSameDataFromParquet() throws Exception {
        try (Connection duck = EmbeddedDuckDb.open(); Statement s = duck.createStatement()) {
            for (String t : new String[] {"customers", "products", "accounts", "transactions", "product_holdings"}) {
                String csv = CsvFolder.MINI_BANK.resolve(t + ".csv").toAbsolutePath().toString();
                s.execute("COPY (SELECT * FROM read_csv('" + csv + "')) TO '" + dir.resolve(t + ".parquet")
                        + "' (FORMAT PARQUET)");
            }
        }
        Files.copy(CsvFolder.MINI_BANK.resolve("schema.yaml"), dir.resolve("schema.yaml"));

        Database fromParquet = new FolderSource(dir, null).load(LoadOptions.defaults()).database();
        Database fromCsv = new FolderSource(CsvFolder.MINI_BANK, null).load(LoadOptions.defaults()).database();

        for (Table csv : fromCsv.tables()) {
            Table parquet = fromParquet.table(csv.name());
            assertEquals(csv.rowCount(), parquet.rowCount(), csv.name());
            for (var column : csv.columns()) {
                var other = parquet.requireColumn(column.name());
                assertEquals(column.getClass(), other.getClass(), csv.name() + "." + column.name());
                for (int r = 0; r < csv.rowCount(); r++) {
                    assertEquals(column.format(r), other.format(r), csv.name() + "." + column.name() + " row " + r);
                }
            }
        }
    }

    @Test
    void acceptsDatesDatetimesAndOffsetsAsUtcEpochMillis() {
        new CsvFolder(dir).file("events.csv", "event_id,at", "1,2024-03-01", "2,2024-03-01 10:00:00",
                        "3,2024-03-01T10:00:00", "4,2024-03-01T10:00:00+01:00", "5,")
                .schema("tables:", "  - name: events", "    primary_key: event_id", "    time_column: at",
                        "    columns: {event_id: id, at: timestamp}");
        LongColumn at = new CsvFolder(dir).source().load(LoadOptions.defaults()).database().table("events")
                .timeColumn().orElseThrow();
        assertEquals(epochMs("2024-03-01T00:00:00Z"), at.get(0));
        assertEquals(epochMs("2024-03-01T10:00:00Z"), at.get(1));
        assertEquals(epochMs("2024-03-01T10:00:00Z"), at.get(2));
        assertEquals(epochMs("2024-03-01T09:00:00Z"), at.get(3));
        assertTrue(at.isNull(4));
    }

    @Test
    void readsBooleanWordsAndKeepsNonIntegerIdsAsStrings() {
        new CsvFolder(dir).file("items.csv", "code,active,legacy_id", "A1,true,7", "B2,no,8", "C3,1,9",
                        "D4,0,10", "E5,YES,11")
                .schema("tables:", "  - name: items", "    primary_key: code",
                        "    columns: {code: id, active: boolean, legacy_id: id}");
        Table items = new CsvFolder(dir).source().load(LoadOptions.defaults()).database().table("items");
        DoubleColumn active = (DoubleColumn) items.requireColumn("active");
        assertEquals(1.0, active.get(0));
        assertEquals(0.0, active.get(1));
        assertEquals(1.0, active.get(2));
        assertEquals(0.0, active.get(3));
        assertEquals(1.0, active.get(4));
        assertInstanceOf(CategoricalColumn.class, items.requireColumn("code"));
        assertEquals("C3", items.requireColumn("code").format(2));
        assertInstanceOf(LongColumn.class, items.requireColumn("legacy_id"));
    }

    @Test
    void keyWithLeadingZerosStaysAStringSoItStillMatches() {
        new CsvFolder(dir).file("a.csv", "a_id", "007", "8")
                .schema("tables:", "  - name: a", "    primary_key: a_id", "    columns: {a_id: id}");
        Table a = new CsvFolder(dir).source().load(LoadOptions.defaults()).database().table("a");
        assertEquals("007", a.requireColumn("a_id").format(0));
    }

    @Test
    void readsGzippedCsvWithBackslashNNulls() throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("drivers.csv.gz")))) {
            out.write("driverId,code,dob\n1,HAM,1985-01-07\n2,\\N,\\N\n".getBytes(StandardCharsets.UTF_8));
        }
        new CsvFolder(dir).schema("tables:", "  - name: drivers", "    primary_key: driverId",
                "    columns: {driverId: id, code: categorical, dob: timestamp}");
        Table drivers = new CsvFolder(dir).source().load(LoadOptions.defaults()).database().table("drivers");
        assertEquals(2, drivers.rowCount());
        assertEquals("HAM", drivers.requireColumn("code").format(0));
        assertTrue(drivers.requireColumn("code").isNull(1));
        assertTrue(drivers.requireColumn("dob").isNull(1));
        assertFalse(drivers.requireColumn("dob").isNull(0));
    }

    private SchemaException loadFails() {
        return assertThrows(SchemaException.class, () -> new CsvFolder(dir).source().load(LoadOptions.defaults()));
    }

    private static void assertMentions(SchemaException e, String... parts) {
        String message = e.userMessage();
        assertAll(java.util.Arrays.stream(parts).map(p -> () -> assertTrue(message.contains(p),
                "expected '" + p + "' in: " + message)));
    }

    @Test
    void aValueThatIsNotANumberIsReportedWithFileRowColumnAndValue() {
        new CsvFolder(dir).file("orders.csv", "order_id,amount", "1,2.5", "2,abc", "3,7")
                .schema("tables:", "  - name: orders", "    primary_key: order_id",
                        "    columns: {order_id: id, amount: numerical}");
        SchemaException e = loadFails();
        assertMentions(e, "orders.csv", "row 2 (line 3)", "column 'amount'", "value 'abc'", "not a number",
                "hint:");
    }

    @Test
    void countsEveryBadValueAndShowsMoreExamples() {
        new CsvFolder(dir).file("orders.csv", "order_id,amount", "1,x", "2,3", "3,y", "4,z")
                .schema("tables:", "  - name: orders", "    columns: {order_id: id, amount: numerical}");
        assertMentions(loadFails(), "row 1", "value 'x'", "3 bad values", "row 3 'y'", "row 4 'z'");
    }

    @Test
    void aFileColumnNamedRowidDoesNotChangeTheReportedRow() {
        new CsvFolder(dir).file("orders.csv", "RowID,amount", "70,1", "80,x")
                .schema("tables:", "  - name: orders", "    primary_key: RowID",
                        "    columns: {RowID: id, amount: numerical}");
        assertMentions(loadFails(), "orders.csv", "row 2 (line 3)", "column 'amount'", "value 'x'");
        new CsvFolder(dir).file("orders.csv", "RowID,amount", "70,1", "80,2");
        Table orders = new CsvFolder(dir).source().load().database().table("orders");
        assertEquals("80", orders.requireColumn("RowID").format(1));
    }

    @Test
    void aBadTimestampIsReportedWithFileRowColumnAndValue() {
        new CsvFolder(dir).file("events.csv", "event_id,at", "1,2024-01-01", "2,2024-01-01", "3,01/02/2024")
                .schema("tables:", "  - name: events", "    time_column: at",
                        "    columns: {event_id: id, at: timestamp}");
        assertMentions(loadFails(), "events.csv", "row 3", "column 'at'", "value '01/02/2024'",
                "not a date or timestamp", "ISO");
    }

    @Test
    void aBadBooleanIsReportedWithFileRowColumnAndValue() {
        new CsvFolder(dir).file("flags.csv", "flag_id,on", "1,true", "2,maybe")
                .schema("tables:", "  - name: flags", "    columns: {flag_id: id, on: boolean}");
        assertMentions(loadFails(), "flags.csv", "row 2", "column 'on'", "value 'maybe'", "yes/no");
    }

    @Test
    void aDeclaredTableWithoutAFileNamesTheTableAndListsTheFiles() {
        new CsvFolder(dir).file("customers.csv", "customer_id", "1")
                .schema("tables:", "  - name: clients", "    columns: {client_id: id}");
        assertMentions(loadFails(), "table 'clients'", "clients.csv", "customers.csv", "source:");
    }

    @Test
    void aDeclaredColumnMissingFromTheFileListsTheFilesColumns() {
        new CsvFolder(dir).file("customers.csv", "customer_id,age", "1,30")
                .schema("tables:", "  - name: customers", "    columns: {customer_id: id, segment: categorical}");
        assertMentions(loadFails(), "customers.csv", "column 'segment'", "customer_id, age");
    }

    @Test
    void aFileWithOnlyAHeaderIsAnEmptyTableError() {
        new CsvFolder(dir).file("customers.csv", "customer_id,age")
                .schema("tables:", "  - name: customers", "    columns: {customer_id: id, age: numerical}");
        assertMentions(loadFails(), "customers.csv", "table 'customers'", "no data rows");
    }

    @Test
    void anUnparseableFileIsAOneLineErrorNamingTheFile() throws IOException {
        Files.write(dir.resolve("blob.parquet"), new byte[] {1, 2, 3, 4});
        new CsvFolder(dir).schema("tables:", "  - name: blob", "    columns: {x: numerical}");
        SchemaException e = loadFails();
        assertMentions(e, "blob.parquet", "cannot read");
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void openRejectsAMissingFolderWithAHint() {
        SchemaException e = assertThrows(SchemaException.class,
                () -> DataSources.open(dir.resolve("nope").toString()));
        assertMentions(e, "no such folder", "nope", "hint:");
    }

    @Test
    void withoutSchemaYamlTheSchemaIsInferred() {
        FolderSource source = new CsvFolder(dir).miniBankCsvs().source();
        assertFalse(source.hasSchemaFile());
        assertEquals("customer_id", source.schema().requireTable("customers").primaryKey());
        assertNull(source.schema().requireTable("products").timeColumn());
        assertEquals(166, source.load(LoadOptions.defaults()).database().table("transactions").rowCount());
    }
}

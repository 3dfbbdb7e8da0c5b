package org.relgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SchemaInference;
import org.relgraph.table.Table;

/** CSV files whose rows do not match their header, and files with nothing in them. */
class CsvShapeTest {
    private static final String[] ORDERS_SCHEMA = {"tables:", "  - name: orders", "    primary_key: order_id",
        "    columns: {order_id: id, amount: numerical, note: text}"};

    @TempDir
    Path dir;

    private SchemaException loadFails() {
        return assertThrows(SchemaException.class, () -> new CsvFolder(dir).source().load(LoadOptions.defaults()));
    }

    private static void assertOneLine(SchemaException e, String... parts) {
        String message = e.userMessage();
        assertFalse(message.contains("\n"), message);
        for (String p : parts) {
            assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
        }
    }

    private void gzip(String name, String content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRowWithMoreFieldsThanTheHeaderIsAnErrorNamingFileLineAndCounts() {
        // "late, paid" lacks quotes: the row's 4th field used to be dropped, note read as "late"
        new CsvFolder(dir).file("orders.csv", "order_id,amount,note", "1,2.5,ok", "2,3.5,late, paid", "3,1.0,ok",
                "4,1.0,a,b,c").schema(ORDERS_SCHEMA);
        assertOneLine(loadFails(), "orders.csv, row 2 (line 3) has 4 fields, the header has 3",
                "2 rows have more fields than the header", "hint: quote values that hold the delimiter");
    }

    @Test
    void aGzippedCsvIsCheckedTheSameWay() throws IOException {
        gzip("orders.csv.gz", "order_id,amount,note\n1,2.5,ok\n2,3.5,late, paid\n");
        new CsvFolder(dir).schema(ORDERS_SCHEMA);
        assertOneLine(loadFails(), "orders.csv.gz, row 2 (line 3) has 4 fields, the header has 3");
    }

    @Test
    void aWideRowFarDownTheFileIsReportedTheSameWay() {
        // past the rows DuckDB samples to detect the columns, the scan itself stops at the wide row
        List<String> lines = new ArrayList<>(List.of("order_id,amount,note"));
        for (int i = 1; i < 30_000; i++) {
            lines.add(i + ",1.5,ok");
        }
        lines.add("30000,2.5,late, paid");
        new CsvFolder(dir).file("orders.csv", lines.toArray(String[]::new)).schema(ORDERS_SCHEMA);
        assertOneLine(loadFails(), "orders.csv, row 30000 (line 30001) has 4 fields, the header has 3");
    }

    @Test
    void trailingDelimitersWithNothingAfterThemLoad() {
        new CsvFolder(dir).file("orders.csv", "order_id,amount,note,", "1,2.5,ok,", "2,3.5,late,")
                .schema(ORDERS_SCHEMA);
        Table orders = new CsvFolder(dir).source().load(LoadOptions.defaults()).database().table("orders");
        assertEquals(2, orders.rowCount());
        assertEquals("late", orders.requireColumn("note").format(1));
    }

    @Test
    void shortRowsArePaddedWithMissingValues() {
        new CsvFolder(dir).file("orders.csv", "order_id,amount,note", "1,2.5,ok", "2,3.5").schema(ORDERS_SCHEMA);
        Table orders = new CsvFolder(dir).source().load(LoadOptions.defaults()).database().table("orders");
        assertTrue(orders.requireColumn("note").isNull(1));
    }

    @Test
    void aZeroByteCsvSaysTheFileIsEmpty() throws IOException {
        Files.write(dir.resolve("orders.csv"), new byte[0]);
        new CsvFolder(dir).schema(ORDERS_SCHEMA);
        SchemaException e = loadFails();
        assertOneLine(e, "orders.csv: the file is empty", "table 'orders'", "hint:");
        assertFalse(e.userMessage().contains("column"), "not a column mismatch: " + e.userMessage());
    }

    @Test
    void blankLinesOnlyAndAGzipOfNothingAreEmptyToo() throws IOException {
        Files.writeString(dir.resolve("orders.csv"), "\n\n");
        new CsvFolder(dir).schema(ORDERS_SCHEMA);
        assertOneLine(loadFails(), "orders.csv: the file is empty");

        Files.delete(dir.resolve("orders.csv"));
        gzip("orders.csv.gz", "");
        assertOneLine(loadFails(), "orders.csv.gz: the file is empty");

        Files.write(dir.resolve("orders.csv.gz"), new byte[0]);
        assertOneLine(loadFails(), "orders.csv.gz: the file is empty");
    }

    @Test
    void aHeaderWithoutRowsSaysThereAreNoDataRows() {
        new CsvFolder(dir).file("orders.csv", "order_id,amount,note").schema(ORDERS_SCHEMA);
        assertOneLine(loadFails(), "orders.csv: table 'orders' has no data rows");
    }

    @Test
    void inferringASchemaChecksTheSameThings() throws IOException {
        new CsvFolder(dir).file("orders.csv", "order_id,amount,note", "1,2.5,ok", "2,3.5,late, paid");
        SchemaException wide = assertThrows(SchemaException.class, () -> SchemaInference.inferFolder(dir));
        assertOneLine(wide, "orders.csv, row 2 (line 3) has 4 fields, the header has 3");

        Files.write(dir.resolve("orders.csv"), new byte[0]);
        SchemaException empty = assertThrows(SchemaException.class, () -> SchemaInference.inferFolder(dir));
        assertOneLine(empty, "orders.csv: the file is empty");
    }
}

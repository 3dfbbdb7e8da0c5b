package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.query.BankData.ANCHOR;
import static org.relgraph.query.TestTables.day;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

class TrainingTableWriterTest {
    private static final Database DB = BankData.database();
    private static final String COUNT_HOLDINGS = "PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) "
            + "FOR EACH CUSTOMERS.CUSTOMER_ID";
    private static final String OFFERS_SEEN = "PREDICT LIST_DISTINCT(INTERACTION_HISTORY.OFFER_ID, 0, 7, days) "
            + "RANK TOP 2 FOR EACH CUSTOMERS.CUSTOMER_ID";

    @TempDir
    Path dir;

    private static TrainingTable build(String query, String split, long... anchors) {
        PredictiveQuery q = PredictiveQuery.parse(query, DB.schema());
        return new TrainingTableBuilder(DB, q).build(split, java.util.Arrays.stream(anchors).boxed().toList());
    }

    /** Rows of a query over a written file, each row's columns joined by '|'. */
    private static List<String> query(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    cols.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join("|", cols));
            }
        }
        return rows;
    }

    @Test
    void csvHasKeyIsoAnchorLabelAndSplitPerExample() throws Exception {
        Path out = dir.resolve("holdings.csv");
        TrainingTableWriter.write(List.of(build(COUNT_HOLDINGS, "train", ANCHOR),
                build(COUNT_HOLDINGS, "val", day("2024-02-20"))), out);
        List<String> lines = Files.readAllLines(out);
        assertEquals(List.of("CUSTOMER_ID,anchor_time,label,split",
                "1,2024-01-31T00:00:00Z,0,train",
                "2,2024-01-31T00:00:00Z,2,train",
                "3,2024-01-31T00:00:00Z,1,train",
                "4,2024-01-31T00:00:00Z,1,train",
                "6,2024-01-31T00:00:00Z,0,train"), lines.subList(0, 6));
        assertEquals("2,2024-02-20T00:00:00Z,1,val", lines.get(7), "customer 2's 02-29 mortgage");
        assertEquals(1 + 5 + 6, lines.size(), "customer 5 exists at the val anchor");
    }

    @Test
    void parquetHoldsTheSameRowsWithTypedColumns() throws Exception {
        TrainingTable train = build(COUNT_HOLDINGS, "train", ANCHOR, day("2024-02-20"));
        Path csv = dir.resolve("t.csv");
        Path parquet = dir.resolve("t.parquet");
        TrainingTableWriter.write(List.of(train), csv);
        TrainingTableWriter.write(List.of(train), parquet);
        String file = "read_parquet('" + parquet + "')";
        assertEquals(List.of("CUSTOMER_ID|BIGINT", "anchor_time|TIMESTAMP", "label|DOUBLE", "split|VARCHAR"),
                query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + file + ")"));
        List<String> fromCsv = Files.readAllLines(csv).subList(1, train.size() + 1);
        List<String> fromParquet = query("SELECT CUSTOMER_ID, strftime(anchor_time, '%Y-%m-%dT%H:%M:%SZ'), "
                + "CAST(label AS BIGINT), split FROM " + file).stream().map(r -> r.replace('|', ',')).toList();
        assertEquals(fromCsv, fromParquet);
    }

    @Test
    void listLabelsAreJsonArraysInCsvAndListsInParquet() throws Exception {
        TrainingTable t = build(OFFERS_SEEN, "test", ANCHOR);
        Path csv = dir.resolve("offers.csv");
        Path parquet = dir.resolve("offers.parquet");
        TrainingTableWriter.write(List.of(t), csv);
        TrainingTableWriter.write(List.of(t), parquet);
        // Customer 1 saw offers 2, 1, 2; 2's offer 99 does not exist and 4's is null, so they get no example.
        assertEquals(List.of("CUSTOMER_ID,anchor_time,label,split", "1,2024-01-31T00:00:00Z,\"[1,2]\",test"),
                Files.readAllLines(csv));
        assertEquals(List.of("1|BIGINT[]|2|1|2"), query("SELECT CUSTOMER_ID, typeof(label), len(label), label[1], "
                + "label[2] FROM read_parquet('" + parquet + "')"));
    }

    @Test
    void argmaxExamplesNameTheirCandidateRow() throws Exception {
        Path csv = dir.resolve("nba.csv");
        TrainingTableWriter.write(List.of(build(QueryParserTest.NEXT_BEST_ACTION, "train", ANCHOR)), csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("CUSTOMER_ID,anchor_time,label,target_key,split", lines.get(0));
        assertTrue(lines.contains("1,2024-01-31T00:00:00Z,1,500,train"), lines.toString());
    }

    @Test
    void replacesAnExistingTrainingTableWholeAndLeavesNoTemporaryFile() throws Exception {
        Path out = dir.resolve("t.parquet");
        TrainingTableWriter.write(List.of(build(COUNT_HOLDINGS, "train", ANCHOR, day("2024-02-20"))), out);
        TrainingTableWriter.write(List.of(build(COUNT_HOLDINGS, "train", ANCHOR)), out);
        assertEquals(List.of("5"), query("SELECT count(*) FROM read_parquet('" + out + "')"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
    }

    @Test
    void aFileRelgraphDidNotWriteIsRefusedAndLeftIntactUnlessForced() throws Exception {
        Path out = dir.resolve("customers.csv");
        Files.writeString(out, "CUSTOMER_ID,NAME\n1,Ann\n");
        TrainingTable train = build(COUNT_HOLDINGS, "train", ANCHOR);

        SchemaException early = assertThrows(SchemaException.class,
                () -> TrainingTableWriter.checkDestination(out, org.relgraph.io.ReplacePolicy.OWN_OUTPUT_ONLY));
        SchemaException late = assertThrows(SchemaException.class, () -> TrainingTableWriter.write(List.of(train),
                out));

        for (SchemaException e : List.of(early, late)) {
            assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("CUSTOMER_ID, NAME"),
                    e.getMessage());
            assertTrue(e.hint().contains("--force"), e.hint());
        }
        assertEquals("CUSTOMER_ID,NAME\n1,Ann\n", Files.readString(out));
        TrainingTableWriter.write(List.of(train), out, TrainingTableWriter.Format.CSV,
                org.relgraph.io.ReplacePolicy.ANYTHING);
        assertEquals("CUSTOMER_ID,anchor_time,label,split", Files.readAllLines(out).get(0));
    }

    @Test
    void aTrainingTableOfAnotherTaskIsRelgraphsAndReplaced() throws Exception {
        Path out = dir.resolve("t.csv");
        TrainingTableWriter.write(List.of(build(QueryParserTest.NEXT_BEST_ACTION, "train", ANCHOR)), out);

        TrainingTableWriter.write(List.of(build(COUNT_HOLDINGS, "train", ANCHOR)), out);

        assertEquals("CUSTOMER_ID,anchor_time,label,split", Files.readAllLines(out).get(0));
    }

    @Test
    void unknownExtensionIsRejectedBeforeAnythingIsWritten() {
        Path out = dir.resolve("t.xlsx");
        SchemaException e = assertThrows(SchemaException.class,
                () -> TrainingTableWriter.write(List.of(build(COUNT_HOLDINGS, "train", ANCHOR)), out));
        assertTrue(e.hint().contains(".csv or .parquet"), e.hint());
        assertTrue(Files.notExists(out));
    }

    @Test
    void valuesAreEscapedAndNumbersRoundTrip() {
        assertEquals("\"a,b\"", TrainingTableWriter.csvField("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", TrainingTableWriter.csvField("say \"hi\""));
        assertEquals("plain", TrainingTableWriter.csvField("plain"));
        assertEquals("[\"x\\\"y\",\"a\\\\b\"]", TrainingTableWriter.jsonArray(List.of("x\"y", "a\\b"), false));
        assertEquals("3", TrainingTableWriter.number(3.0));
        assertEquals("-2.5", TrainingTableWriter.number(-2.5));
        assertEquals(1.0 / 3, Double.parseDouble(TrainingTableWriter.number(1.0 / 3)));
    }
}

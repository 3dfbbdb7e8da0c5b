package org.relgraph.datasets.bank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.schema.TableSchema;

class ParquetOutputTest {
    @TempDir
    Path tmp;

    @Test
    void parquetHoldsTheSameRowsAsCsvWithTypedColumns() throws IOException, SQLException {
        BankConfig csvConfig = BankConfig.of(200, 9);
        GenerationReport csv = new BankGenerator(csvConfig).generate(tmp.resolve("csv"));
        GenerationReport parquet = new BankGenerator(csvConfig.withFormat(OutputFormat.PARQUET))
                .generate(tmp.resolve("parquet"));

        try (Stream<Path> files = Files.list(parquet.folder())) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".csv")), "CSV intermediates must be removed");
        }
        Schema schema = SchemaYaml.read(parquet.folder().resolve(SchemaYaml.FILE_NAME));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            for (TableSchema t : schema.tables()) {
                assertTrue(t.source().endsWith(".parquet"), t.source());
                Path file = parquet.folder().resolve(t.source());
                long expected = csv.rowCounts().get(BankTable.valueOf(t.name().toUpperCase()));
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + file + "')")) {
                    rs.next();
                    assertEquals(expected, rs.getLong(1), t.name());
                }
            }
            Path txns = parquet.folder().resolve("transactions.parquet");
            try (ResultSet rs = st.executeQuery("SELECT typeof(timestamp), typeof(amount), sum(amount) FROM "
                    + "read_parquet('" + txns + "') GROUP BY ALL")) {
                rs.next();
                assertEquals("TIMESTAMP", rs.getString(1));
                assertEquals("DOUBLE", rs.getString(2));
                assertTrue(rs.getDouble(3) > 0);
            }
            Path customers = parquet.folder().resolve("customers.parquet");
            long[] csvMissingAges = {0};
            CsvRows.forEach(csv.folder().resolve("customers.csv"), r -> csvMissingAges[0] += r.isNull("age") ? 1 : 0);
            try (ResultSet rs = st.executeQuery("SELECT count(*) - count(age), typeof(any_value(created_at)) FROM "
                    + "read_parquet('" + customers + "')")) {
                rs.next();
                assertEquals(csvMissingAges[0], rs.getLong(1), "empty CSV fields must become nulls");
                assertEquals("DATE", rs.getString(2));
            }
        }
    }

    @Test
    void parquetOutputIsReproducible() throws IOException {
        BankConfig config = BankConfig.of(100, 4).withFormat(OutputFormat.PARQUET);
        Path a = new BankGenerator(config).generate(tmp.resolve("a")).folder();
        Path b = new BankGenerator(config).generate(tmp.resolve("b")).folder();
        for (BankTable t : BankTable.values()) {
            String f = t.fileName(OutputFormat.PARQUET, false);
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
    }
}

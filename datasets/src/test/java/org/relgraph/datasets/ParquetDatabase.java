package org.relgraph.datasets;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.Schema;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.CategoricalColumnBuilder;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * Loads a prepared folder (one Parquet file per table) into a {@link Database} with DuckDB. A stand-in for the
 * project's folder source, which is not on this branch yet; it reads only what these tests need.
 */
final class ParquetDatabase {
    private ParquetDatabase() {
    }

    static Database load(Path dir, Schema schema) throws Exception {
        List<Table> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (TableSchema t : schema.tables()) {
                tables.add(table(s, dir, t));
            }
        }
        return new Database(schema, tables);
    }

    private static Table table(Statement s, Path dir, TableSchema t) throws Exception {
        List<String> select = new ArrayList<>();
        for (ColumnSchema c : t.columns()) {
            String q = "\"" + c.name() + "\"";
            select.add(switch (c.type()) {
                case TIMESTAMP -> "epoch_ms(" + q + ")";
                case ID -> "CAST(" + q + " AS BIGINT)";
                case NUMERICAL, BOOLEAN -> "CAST(" + q + " AS DOUBLE)";
                case CATEGORICAL, TEXT -> "CAST(" + q + " AS VARCHAR)";
            });
        }
        String from = RealDatasetsTest.parquet(dir, t.name());
        int n = (int) RealDatasetsTest.scalar(s, "SELECT count(*) FROM " + from);
        int width = t.columns().size();
        long[][] longs = new long[width][];
        double[][] doubles = new double[width][];
        BitSet[] nulls = new BitSet[width];
        List<CategoricalColumnBuilder> categories = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            ColumnSchema c = t.columns().get(i);
            nulls[i] = new BitSet();
            switch (c.type()) {
                case TIMESTAMP, ID -> longs[i] = new long[n];
                case NUMERICAL, BOOLEAN -> doubles[i] = new double[n];
                default -> { }
            }
            categories.add(longs[i] == null && doubles[i] == null
                    ? new CategoricalColumnBuilder(c.name(), c.type(), n) : null);
        }
        try (ResultSet rs = s.executeQuery("SELECT " + String.join(", ", select) + " FROM " + from)) {
            for (int r = 0; rs.next(); r++) {
                for (int i = 0; i < width; i++) {
                    if (longs[i] != null) {
                        longs[i][r] = rs.getLong(i + 1);
                    } else if (doubles[i] != null) {
                        doubles[i][r] = rs.getDouble(i + 1);
                    } else {
                        categories.get(i).add(rs.getString(i + 1));
                        continue;
                    }
                    if (rs.wasNull()) {
                        nulls[i].set(r);
                    }
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            ColumnSchema c = t.columns().get(i);
            columns.add(longs[i] != null ? new LongColumn(c.name(), c.type(), longs[i], nulls[i])
                    : doubles[i] != null ? new DoubleColumn(c.name(), c.type(), doubles[i], nulls[i])
                    : categories.get(i).build());
        }
        return new Table(t, columns);
    }
}

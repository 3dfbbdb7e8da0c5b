package org.relgraph.datasets.bank;

import java.util.ArrayList;
import java.util.List;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;

/**
 * The six generated tables, their columns in file order, keys and time columns. The column order here is the
 * order the CSV writer emits, so this enum is the single place that defines the file layout.
 */
public enum BankTable {
    CUSTOMERS("customers", "customer_id", "created_at", List.of(),
            col("customer_id", SemanticType.ID, "BIGINT"),
            col("name", SemanticType.TEXT, "VARCHAR"),
            col("age", SemanticType.NUMERICAL, "INTEGER"),
            col("segment", SemanticType.CATEGORICAL, "VARCHAR"),
            col("life_stage", SemanticType.CATEGORICAL, "VARCHAR"),
            col("products_held", SemanticType.NUMERICAL, "INTEGER"),
            col("tenure_years", SemanticType.NUMERICAL, "DOUBLE"),
            col("created_at", SemanticType.TIMESTAMP, "DATE")),
    TRANSACTIONS("transactions", "txn_id", "timestamp", List.of(fk("customer_id", "customers")),
            col("txn_id", SemanticType.ID, "BIGINT"),
            col("customer_id", SemanticType.ID, "BIGINT"),
            col("merchant_category", SemanticType.CATEGORICAL, "VARCHAR"),
            col("amount", SemanticType.NUMERICAL, "DOUBLE"),
            col("frequency_30d", SemanticType.NUMERICAL, "INTEGER"),
            col("timestamp", SemanticType.TIMESTAMP, "TIMESTAMP")),
    ACCOUNT_BALANCES("account_balances", "balance_id", "snapshot_date", List.of(fk("customer_id", "customers")),
            col("balance_id", SemanticType.ID, "BIGINT"),
            col("customer_id", SemanticType.ID, "BIGINT"),
            col("account_type", SemanticType.CATEGORICAL, "VARCHAR"),
            col("balance", SemanticType.NUMERICAL, "DOUBLE"),
            col("trend_3mo", SemanticType.NUMERICAL, "DOUBLE"),
            col("snapshot_date", SemanticType.TIMESTAMP, "DATE")),
    PRODUCT_HOLDINGS("product_holdings", "holding_id", "open_date",
            List.of(fk("customer_id", "customers"), fk("product_id", "product_catalog")),
            col("holding_id", SemanticType.ID, "BIGINT"),
            col("customer_id", SemanticType.ID, "BIGINT"),
            col("product_id", SemanticType.ID, "BIGINT"),
            col("product", SemanticType.CATEGORICAL, "VARCHAR"),
            col("status", SemanticType.CATEGORICAL, "VARCHAR"),
            col("open_date", SemanticType.TIMESTAMP, "DATE")),
    PRODUCT_CATALOG("product_catalog", "product_id", null, List.of(),
            col("product_id", SemanticType.ID, "BIGINT"),
            col("product_name", SemanticType.CATEGORICAL, "VARCHAR"),
            col("category", SemanticType.CATEGORICAL, "VARCHAR"),
            col("eligibility_segment", SemanticType.CATEGORICAL, "VARCHAR")),
    INTERACTION_HISTORY("interaction_history", "interaction_id", "timestamp",
            List.of(fk("customer_id", "customers")),
            col("interaction_id", SemanticType.ID, "BIGINT"),
            col("customer_id", SemanticType.ID, "BIGINT"),
            col("channel", SemanticType.CATEGORICAL, "VARCHAR"),
            col("offer_shown", SemanticType.CATEGORICAL, "VARCHAR"),
            col("outcome", SemanticType.CATEGORICAL, "VARCHAR"),
            col("timestamp", SemanticType.TIMESTAMP, "TIMESTAMP"));

    /** A column with its semantic type and the DuckDB type used when converting the CSV to Parquet. */
    public record Column(String name, SemanticType type, String duckDbType) {
    }

    private record Fk(String column, String references) {
    }

    private final String tableName;
    private final String primaryKey;
    private final String timeColumn;
    private final List<Fk> foreignKeys;
    private final List<Column> columns;

    BankTable(String tableName, String primaryKey, String timeColumn, List<Fk> foreignKeys, Column... columns) {
        this.tableName = tableName;
        this.primaryKey = primaryKey;
        this.timeColumn = timeColumn;
        this.foreignKeys = foreignKeys;
        this.columns = List.of(columns);
    }

    private static Column col(String name, SemanticType type, String duckDbType) {
        return new Column(name, type, duckDbType);
    }

    private static Fk fk(String column, String references) {
        return new Fk(column, references);
    }

    public String tableName() {
        return tableName;
    }

    public List<Column> columns() {
        return columns;
    }

    public String header() {
        return String.join(",", columns.stream().map(Column::name).toList());
    }

    public String fileName(OutputFormat format, boolean gzip) {
        return switch (format) {
            case CSV -> tableName + (gzip ? ".csv.gz" : ".csv");
            case PARQUET -> tableName + ".parquet";
        };
    }

    public TableSchema schema(String source) {
        List<ForeignKey> fks = new ArrayList<>();
        for (Fk f : foreignKeys) {
            fks.add(new ForeignKey(tableName, f.column(), f.references()));
        }
        List<ColumnSchema> cols = columns.stream().map(c -> new ColumnSchema(c.name(), c.type())).toList();
        // The product catalogue is the bank's one table without time, and it never changes during the
        // simulation: declared static, so the timeless-table warning and the leakage audit do not cry wolf on it.
        return new TableSchema(tableName, cols, primaryKey, timeColumn, fks, source, null, timeColumn == null);
    }

    /** The schema.yaml content for a generated folder: sources name the files actually written. */
    public static Schema schema(OutputFormat format, boolean gzip) {
        List<TableSchema> tables = new ArrayList<>();
        for (BankTable t : values()) {
            tables.add(t.schema(t.fileName(format, gzip)));
        }
        return new Schema(tables);
    }
}

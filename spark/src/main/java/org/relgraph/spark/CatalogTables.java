package org.relgraph.spark;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.TableSchema;

/**
 * The tables schema.yaml names, read by name from one database of the Spark session's catalogue
 * ({@code spark.table("db.table")}), so Hive, Delta or Iceberg tables work through the user's own Spark setup.
 * Each declared column must exist with a type that fits its declaration, by the rules of the PostgreSQL reader:
 * a numerical column any number or boolean, a boolean a boolean or number (non-zero is true), a timestamp a
 * timestamp or date (a timestamp without zone is read in the session zone, UTC by default), an id an integer
 * (then a number) or anything else (then text); categorical and text columns are read as text. Anything else is a
 * "schema mismatch" refused before the job. Rows are numbered in the order the table is scanned.
 */
final class CatalogTables implements SparkTables.TableReader {
    private static final String MISMATCH = "schema mismatch between catalogue tables and schema.yaml: ";

    private final SparkSession spark;
    private final String database;

    CatalogTables(SparkSession spark, String database) {
        this.spark = spark;
        this.database = database;
    }

    @Override
    public Dataset<Row> read(TableSchema t) {
        String name = database + "." + t.name();
        if (!spark.catalog().tableExists(database, t.name())) {
            throw new SchemaException(MISMATCH + "the catalogue has no table " + name, "create it, fix the "
                    + "table's name in schema.yaml, or choose another --catalog-database (SHOW TABLES IN "
                    + database + " lists its tables)");
        }
        Dataset<Row> raw = spark.table(name);
        List<Column> select = new ArrayList<>();
        for (ColumnSchema c : t.columns()) {
            StructField f = Arrays.stream(raw.schema().fields()).filter(x -> x.name().equalsIgnoreCase(c.name()))
                    .findFirst().orElseThrow(() -> new SchemaException(MISMATCH + "table " + name + " has no column '"
                            + c.name() + "'", "its columns are: " + String.join(", ", raw.columns())
                            + "; fix the name in schema.yaml"));
            select.add(converted(c, raw.col("`" + f.name() + "`"), f.dataType(), name).as(c.name()));
        }
        select.add(monotonically_increasing_id().as(SparkTables.ROW));
        return raw.select(select.toArray(Column[]::new));
    }

    private static Column converted(ColumnSchema c, Column v, DataType type, String table) {
        boolean number = type instanceof NumericType;
        boolean bool = type instanceof BooleanType;
        boolean integer = type.equals(DataTypes.LongType) || type.equals(DataTypes.IntegerType)
                || type.equals(DataTypes.ShortType) || type.equals(DataTypes.ByteType);
        Column out = switch (c.type()) {
            case NUMERICAL -> number || bool ? v.cast(DataTypes.DoubleType) : null;
            case BOOLEAN -> bool ? when(v, lit(1.0)).when(v.unary_$bang(), lit(0.0))
                    : number ? when(v.notEqual(0), lit(1.0)).when(v.equalTo(0), lit(0.0)) : null;
            case TIMESTAMP -> type instanceof TimestampType || type instanceof TimestampNTZType
                    || type instanceof DateType ? unix_millis(v.cast(DataTypes.TimestampType)) : null;
            case ID -> integer ? v.cast(DataTypes.LongType) : v.cast(DataTypes.StringType);
            case CATEGORICAL, TEXT -> v.cast(DataTypes.StringType);
        };
        if (out == null) {
            throw new SchemaException(MISMATCH + "table " + table + ", column '" + c.name() + "' has type "
                    + type.simpleString() + " but is declared " + c.type().yamlName(), "declare it as categorical "
                    + "or text in schema.yaml, or convert it in a view");
        }
        return out;
    }

    @Override
    public String describe() {
        return "Spark catalogue database " + database;
    }
}

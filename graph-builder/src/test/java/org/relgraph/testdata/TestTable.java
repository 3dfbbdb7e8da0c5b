package org.relgraph.testdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SemanticType;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/** Builds small tables by hand for tests: integer keys, a time column, foreign keys; null = missing value. */
public final class TestTable {
    private final String name;
    private final List<ColumnSchema> schemas = new ArrayList<>();
    private final List<Column> columns = new ArrayList<>();
    private final List<ForeignKey> foreignKeys = new ArrayList<>();
    private String primaryKey;
    private String timeColumn;

    private TestTable(String name) {
        this.name = name;
    }

    public static TestTable named(String name) {
        return new TestTable(name);
    }

    public TestTable primaryKey(String column, long... ids) {
        primaryKey = column;
        return add(column, SemanticType.ID, Arrays.stream(ids).boxed().toArray(Long[]::new));
    }

    public TestTable time(String column, Long... epochMillis) {
        timeColumn = column;
        return add(column, SemanticType.TIMESTAMP, epochMillis);
    }

    public TestTable foreignKey(String column, String referencedTable, Long... keys) {
        foreignKeys.add(new ForeignKey(name, column, referencedTable));
        return add(column, SemanticType.ID, keys);
    }

    /** A numerical value column, without nulls. */
    public TestTable number(String column, double... values) {
        schemas.add(new ColumnSchema(column, SemanticType.NUMERICAL));
        columns.add(new org.relgraph.table.DoubleColumn(column, SemanticType.NUMERICAL, values, new BitSet()));
        return this;
    }

    private TestTable add(String column, SemanticType type, Long[] values) {
        long[] raw = new long[values.length];
        BitSet nulls = new BitSet();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                nulls.set(i);
            } else {
                raw[i] = values[i];
            }
        }
        schemas.add(new ColumnSchema(column, type));
        columns.add(new LongColumn(column, type, raw, nulls));
        return this;
    }

    public Table build() {
        return new Table(new org.relgraph.schema.TableSchema(name, schemas, primaryKey, timeColumn, foreignKeys),
                columns);
    }

    public static Database database(Table... tables) {
        return new Database(new Schema(Arrays.stream(tables).map(Table::schema).toList()), List.of(tables));
    }
}

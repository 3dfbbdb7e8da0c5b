package org.relgraph.table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.TableSchema;

/** A table held column by column. Every column has {@link #rowCount()} values. */
public final class Table {
    private final TableSchema schema;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final int rowCount;

    public Table(TableSchema schema, List<Column> columns) {
        this.schema = schema;
        int rows = columns.isEmpty() ? 0 : columns.get(0).size();
        for (Column c : columns) {
            if (c.size() != rows) {
                throw new IllegalArgumentException("table " + schema.name() + ": column " + c.name() + " has "
                        + c.size() + " values, expected " + rows);
            }
            this.columns.put(c.name().toLowerCase(Locale.ROOT), c);
        }
        this.rowCount = rows;
    }

    public String name() {
        return schema.name();
    }

    public TableSchema schema() {
        return schema;
    }

    public int rowCount() {
        return rowCount;
    }

    public List<Column> columns() {
        return List.copyOf(columns.values());
    }

    public Optional<Column> column(String name) {
        return Optional.ofNullable(columns.get(name.toLowerCase(Locale.ROOT)));
    }

    public Column requireColumn(String name) {
        return column(name).orElseThrow(() -> new SchemaException(
                "table '" + name() + "' has no column '" + name + "'",
                "columns are: " + String.join(", ", schema.columnNames())));
    }

    /** The same table with no rows: same schema, columns and category dictionaries. */
    public Table emptyCopy() {
        return new Table(schema, columns.values().stream().map(Column::emptyCopy).toList());
    }

    /** The same table with the named column's values all null. */
    public Table withNullColumn(String name) {
        Column target = requireColumn(name);
        return new Table(schema, columns.values().stream().map(c -> c == target ? c.allNull() : c).toList());
    }

    /** Row times in epoch milliseconds, or empty for a static table. */
    public Optional<LongColumn> timeColumn() {
        return schema.timeColumnOpt().map(c -> (LongColumn) requireColumn(c));
    }
}

package org.relgraph.datasets;

import java.util.ArrayList;
import java.util.List;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;

/**
 * A terse builder for the fixed schemas of bundled datasets:
 * {@code table("results").pk("resultId").time("date").col("grid", NUMERICAL).fk("raceId", "races")}.
 */
public final class TableSchemas {
    private final String name;
    private final List<ColumnSchema> columns = new ArrayList<>();
    private final List<ForeignKey> fks = new ArrayList<>();
    private String pk;
    private String time;
    private boolean declaredStatic;

    private TableSchemas(String name) {
        this.name = name;
    }

    public static TableSchemas table(String name) {
        return new TableSchemas(name);
    }

    public TableSchemas pk(String column) {
        pk = column;
        columns.add(new ColumnSchema(column, SemanticType.ID));
        return this;
    }

    public TableSchemas time(String column) {
        time = column;
        columns.add(new ColumnSchema(column, SemanticType.TIMESTAMP));
        return this;
    }

    public TableSchemas fk(String column, String parent) {
        columns.add(new ColumnSchema(column, SemanticType.ID));
        fks.add(new ForeignKey(name, column, parent));
        return this;
    }

    public TableSchemas col(String column, SemanticType type) {
        columns.add(new ColumnSchema(column, type));
        return this;
    }

    public TableSchemas cols(SemanticType type, String... names) {
        for (String n : names) {
            col(n, type);
        }
        return this;
    }

    /**
     * The table has no time because its rows never change (a circuit, a district): {@code static: true} in
     * schema.yaml, so the timeless-table warning and the leakage audit leave it alone.
     */
    public TableSchemas declaredStatic() {
        declaredStatic = true;
        return this;
    }

    public TableSchema build() {
        return new TableSchema(name, columns, pk, time, fks, name + ".parquet", null, declaredStatic);
    }
}

package org.relgraph.gnn.encode;

import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.CategoricalColumnBuilder;
import org.relgraph.table.Column;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/** Small hand-made tables for encoding tests; a null argument is a null cell. */
final class TestTables {
    private TestTables() {
    }

    static Table table(String name, String timeColumn, Column... columns) {
        return table(name, null, timeColumn, List.of(), columns);
    }

    static Table table(String name, String primaryKey, String timeColumn, List<ForeignKey> fks, Column... columns) {
        List<ColumnSchema> schema = Arrays.stream(columns).map(c -> new ColumnSchema(c.name(), c.type())).toList();
        return new Table(new TableSchema(name, schema, primaryKey, timeColumn, fks), List.of(columns));
    }

    static DoubleColumn numerical(String name, Double... values) {
        return doubles(name, SemanticType.NUMERICAL, values);
    }

    static DoubleColumn booleans(String name, Boolean... values) {
        Double[] d = Arrays.stream(values).map(b -> b == null ? null : b ? 1.0 : 0.0).toArray(Double[]::new);
        return doubles(name, SemanticType.BOOLEAN, d);
    }

    private static DoubleColumn doubles(String name, SemanticType type, Double[] values) {
        double[] v = new double[values.length];
        BitSet nulls = new BitSet();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                nulls.set(i);
            } else {
                v[i] = values[i];
            }
        }
        return new DoubleColumn(name, type, v, nulls);
    }

    static CategoricalColumn categorical(String name, String... values) {
        return strings(name, SemanticType.CATEGORICAL, values);
    }

    static CategoricalColumn text(String name, String... values) {
        return strings(name, SemanticType.TEXT, values);
    }

    static CategoricalColumn strings(String name, SemanticType type, String... values) {
        CategoricalColumnBuilder b = new CategoricalColumnBuilder(name, type, values.length);
        for (String v : values) {
            b.add(v);
        }
        return b.build();
    }

    /** ISO-8601 instants such as "2024-03-15T18:00:00Z". */
    static LongColumn timestamps(String name, String... instants) {
        long[] v = new long[instants.length];
        BitSet nulls = new BitSet();
        for (int i = 0; i < instants.length; i++) {
            if (instants[i] == null) {
                nulls.set(i);
            } else {
                v[i] = ms(instants[i]);
            }
        }
        return new LongColumn(name, SemanticType.TIMESTAMP, v, nulls);
    }

    static LongColumn ids(String name, long... values) {
        return new LongColumn(name, SemanticType.ID, values, new BitSet());
    }

    static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    static int[] rows(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }

    /** The numeric matrix as plain floats, row-major. */
    static float[][] numeric(EncodedBatch batch) {
        return batch.numeric().toFloatMatrix();
    }
}

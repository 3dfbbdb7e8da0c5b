package org.relgraph.spark;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.relgraph.gnn.encode.ChildSummaries;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.StoredChildSummaries;
import org.relgraph.gnn.model.MaterialisedNode;
import org.relgraph.gnn.model.MaterialisedSeed;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * One task's share of materialised neighbourhoods turned into what {@code MaterialisedBatches} reads: per table, a
 * small table of the rows the task's nodes name (numbered locally, in file-row order, with the loader's column
 * types), their stored child summaries, and each seed's nodes in local numbering. Shared by {@code score} (a seed
 * bucket per task) and {@code train} (a training partition per task; and, from the catalogue, the driver's whole
 * database: {@link SparkInputs#driverDatabase}).
 *
 * <p>Value rows are {@link SparkScoring#sideRows}'s: (key, table, row, as_of, doubles, longs, texts, summary), a
 * summary row having a non-null summary; node rows are {@link SparkScoring#typedNodes}'.
 */
final class MaterialisedRows {
    private final Schema schema;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, Map<Long, Integer>> local = new HashMap<>();
    private final Map<String, ChildSummaries> summaries = new HashMap<>();

    /**
     * @param encoding the model's fitted encoding, or null for a model without child summaries (summary rows are
     *                 then ignored)
     */
    MaterialisedRows(Schema schema, Map<String, List<SparkScoring.ColumnLayout>> layouts, DatabaseEncoding encoding,
                     Iterator<Row> valueRows) {
        this.schema = schema;
        Map<String, Map<Long, Row>> values = new HashMap<>();
        Map<String, List<Row>> summaryRows = new HashMap<>();
        while (valueRows.hasNext()) {
            Row r = valueRows.next();
            String table = r.getString(1);
            if (r.isNullAt(7)) {
                values.computeIfAbsent(table, t -> new HashMap<>()).put(r.getLong(2), r);
            } else {
                summaryRows.computeIfAbsent(table, t -> new ArrayList<>()).add(r);
            }
        }
        for (TableSchema t : schema.tables()) {
            Map<Long, Row> mine = values.getOrDefault(t.name(), Map.of());
            long[] rows = mine.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
            Map<Long, Integer> index = new HashMap<>();
            for (int i = 0; i < rows.length; i++) {
                index.put(rows[i], i);
            }
            local.put(t.name(), index);
            tables.put(t.name(), table(t, layouts.get(t.name()), rows, mine));
        }
        if (encoding == null) {
            return;
        }
        for (TableSchema t : schema.tables()) {
            int width = encoding.childActivityWidth(t.name());
            if (width == 0) {
                continue;
            }
            StoredChildSummaries stored = new StoredChildSummaries(t.name(), width);
            for (Row r : summaryRows.getOrDefault(t.name(), List.of())) {
                Integer at = local.get(t.name()).get(r.getLong(2));
                if (at != null) {
                    float[] v = floats(r.getList(7));
                    if (v.length != width) {
                        throw new SchemaException("the child summaries of " + t.name() + " row " + r.getLong(2)
                                + " have " + v.length + " values, and the model reads " + width,
                                "run neighbourhoods with --model BUNDLE for this bundle");
                    }
                    stored.put(at, r.getLong(3), v);
                }
            }
            summaries.put(t.name(), stored);
        }
    }

    /** Per table, its named rows in local numbering. */
    Map<String, Table> tables() {
        return tables;
    }

    /** Per table with child summaries, those of its named rows. */
    Map<String, ChildSummaries> summaries() {
        return summaries;
    }

    /**
     * One seed's stored rows (all of one (seed_time, seed_row), the first its hop-0 row or any) as the seed
     * {@code MaterialisedBatches} assembles, rows in local numbering.
     *
     * @throws SchemaException when a node names a row the values do not have, or (with summaries) has no summary
     *                         as of its seed's sample time
     */
    MaterialisedSeed seed(List<Row> seedRows, String entity) {
        Row first = seedRows.get(0);
        long sampleTime = first.getLong(4);
        List<MaterialisedNode> nodes = new ArrayList<>(seedRows.size());
        for (Row r : seedRows) {
            String table = schema.requireTable(r.getString(6)).name();
            int row = localRow(table, r.getLong(7));
            String parentTable = r.isNullAt(10) ? null : schema.requireTable(r.getString(10)).name();
            int parentRow = parentTable == null ? -1 : localRow(parentTable, r.getLong(11));
            if (summaries.get(table) instanceof StoredChildSummaries s && !s.has(row, sampleTime)) {
                throw new SchemaException("the neighbourhoods' summaries folder has no child summaries of "
                        + table + " row " + r.getLong(7) + " as of " + LabelsCommand.iso(sampleTime),
                        "run neighbourhoods with --model BUNDLE for this bundle");
            }
            nodes.add(new MaterialisedNode(r.getInt(5), table, row, r.isNullAt(8) ? null : r.getLong(8),
                    r.isNullAt(9) ? null : r.getString(9), parentTable, parentRow, (int) r.getLong(12)));
        }
        return new MaterialisedSeed(localRow(entity, first.getLong(2)), sampleTime, nodes);
    }

    int localRow(String table, long row) {
        Integer at = local.get(table).get(row);
        if (at == null) {
            throw new SchemaException("the neighbourhoods name row " + row + " of table " + table + ", which the "
                    + "data does not have", "materialise the neighbourhoods from this data folder");
        }
        return at;
    }

    private static float[] floats(List<Object> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }

    /** The rows {@code rows} of table {@code t} (values by row) as a table, in that order, in loader types. */
    private static Table table(TableSchema t, List<SparkScoring.ColumnLayout> layout, long[] rows,
                               Map<Long, Row> values) {
        List<org.relgraph.table.Column> columns = new ArrayList<>();
        int n = rows.length;
        for (SparkScoring.ColumnLayout c : layout) {
            BitSet nulls = new BitSet();
            int field = c.kind() == 'D' ? 4 : c.kind() == 'L' ? 5 : 6;
            if (c.kind() == 'D') {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    Object x = values.get(rows[i]).getList(field).get(c.index());
                    nulls.set(i, x == null);
                    v[i] = x == null ? 0 : (Double) x;
                }
                columns.add(new DoubleColumn(c.name(), c.type(), v, nulls));
            } else if (c.kind() == 'L') {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    Object x = values.get(rows[i]).getList(field).get(c.index());
                    nulls.set(i, x == null);
                    v[i] = x == null ? 0 : (Long) x;
                }
                columns.add(new LongColumn(c.name(), c.type(), v, nulls));
            } else {
                int[] codes = new int[n];
                List<String> dictionary = new ArrayList<>();
                Map<String, Integer> code = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    Object x = values.get(rows[i]).getList(field).get(c.index());
                    codes[i] = x == null ? CategoricalColumn.NULL_CODE : code.computeIfAbsent((String) x, s -> {
                        dictionary.add(s);
                        return dictionary.size() - 1;
                    });
                }
                columns.add(new CategoricalColumn(c.name(), c.type(), codes, dictionary));
            }
        }
        return new Table(t, columns);
    }
}

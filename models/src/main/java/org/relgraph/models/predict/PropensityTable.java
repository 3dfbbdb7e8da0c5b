package org.relgraph.models.predict;

import java.util.Locale;
import java.util.Optional;
import org.relgraph.models.output.ScoreColumn;
import org.relgraph.models.output.ScoreTable;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TaskType;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.SemanticType;
import org.relgraph.table.Column;
import org.relgraph.table.Table;

/**
 * The table a propensity run hands to the business: entity key, a display name when the entity table has one,
 * the score under the query's own name, the rank, and a recommended action tier — best first, optionally cut to
 * the top N.
 */
public final class PropensityTable {
    private PropensityTable() {
    }

    public static ScoreTable build(PredictiveQuery query, Table entities, int[] entityRows, double[] scores,
                                   ActionTiers tiers, int top) {
        Column keys = entities.requireColumn(query.entityKey());
        Optional<Column> names = displayColumn(entities);
        String[] keyOf = new String[entityRows.length];
        String[] nameOf = names.isPresent() ? new String[entityRows.length] : null;
        for (int i = 0; i < entityRows.length; i++) {
            keyOf[i] = keys.format(entityRows[i]);
            if (nameOf != null) {
                nameOf[i] = names.get().format(entityRows[i]);
            }
        }
        return build(query, keyOf, names.map(Column::name).orElse(null), nameOf, scores, tiers, top);
    }

    /**
     * The same table from entities known by their formatted key (and display name) rather than rows of a loaded
     * table, e.g. scores computed on a cluster. Equal scores keep the order they are given in.
     *
     * @param nameColumn the entity table's {@link #displayColumn display column}, or null for none
     * @param names      per entity, its display name (null when {@code nameColumn} is)
     */
    public static ScoreTable build(PredictiveQuery query, String[] keys, String nameColumn, String[] names,
                                   double[] scores, ActionTiers tiers, int top) {
        boolean higherIsBetter = true;
        int[] order = RankedScores.order(scores, higherIsBetter);
        int n = top > 0 ? Math.min(top, order.length) : order.length;
        String[] keyOut = new String[n];
        String[] nameOut = new String[n];
        double[] scoreOut = new double[n];
        long[] rankOut = new long[n];
        String[] actionOut = new String[n];
        for (int i = 0; i < n; i++) {
            int k = order[i];
            keyOut[i] = keys[k];
            nameOut[i] = names == null ? null : names[k];
            scoreOut[i] = scores[k];
            rankOut[i] = i + 1;
            actionOut[i] = tiers.actionFor(i + 1, order.length);
        }
        String keyName = query.entityKey().toUpperCase(Locale.ROOT);
        String scoreName = TargetName.of(query);
        var columns = new java.util.ArrayList<ScoreColumn>();
        columns.add(ScoreColumn.strings(keyName, keyOut));
        if (nameColumn != null) {
            columns.add(ScoreColumn.strings(nameColumn.toUpperCase(Locale.ROOT), nameOut));
        }
        columns.add(ScoreColumn.doubles(scoreName, scoreOut));
        columns.add(ScoreColumn.integers("RANK", rankOut));
        if (query.taskType() == TaskType.BINARY) {
            columns.add(ScoreColumn.strings("RECOMMENDED_ACTION", actionOut));
        }
        return new ScoreTable(columns);
    }

    /** A column a person recognises an entity by: {@code name}, else {@code <something>_name}, if textual. */
    static Optional<Column> displayColumn(Table entities) {
        return displayColumn(entities.schema()).map(c -> entities.requireColumn(c.name()));
    }

    /** The entity table's column a person recognises an entity by, if any (see {@link #build}). */
    public static Optional<ColumnSchema> displayColumn(org.relgraph.schema.TableSchema entities) {
        Optional<ColumnSchema> exact = entities.columns().stream()
                .filter(c -> c.name().equalsIgnoreCase("name")).findFirst();
        Optional<ColumnSchema> named = exact.or(() -> entities.columns().stream()
                .filter(c -> c.name().toLowerCase(Locale.ROOT).endsWith("_name")).findFirst());
        return named.filter(c -> c.type() == SemanticType.TEXT || c.type() == SemanticType.CATEGORICAL);
    }
}

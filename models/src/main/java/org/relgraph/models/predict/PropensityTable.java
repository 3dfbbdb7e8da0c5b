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
        boolean higherIsBetter = true;
        int[] order = RankedScores.order(scores, higherIsBetter);
        int n = top > 0 ? Math.min(top, order.length) : order.length;
        Column keys = entities.requireColumn(query.entityKey());
        Optional<Column> names = displayColumn(entities);
        String[] keyOut = new String[n];
        String[] nameOut = new String[n];
        double[] scoreOut = new double[n];
        long[] rankOut = new long[n];
        String[] actionOut = new String[n];
        for (int i = 0; i < n; i++) {
            int k = order[i];
            keyOut[i] = keys.format(entityRows[k]);
            nameOut[i] = names.map(c -> c.format(entityRows[k])).orElse(null);
            scoreOut[i] = scores[k];
            rankOut[i] = i + 1;
            actionOut[i] = tiers.actionFor(i + 1, order.length);
        }
        String keyName = query.entityKey().toUpperCase(Locale.ROOT);
        String scoreName = TargetName.of(query);
        var columns = new java.util.ArrayList<ScoreColumn>();
        columns.add(ScoreColumn.strings(keyName, keyOut));
        names.ifPresent(c -> columns.add(ScoreColumn.strings(c.name().toUpperCase(Locale.ROOT), nameOut)));
        columns.add(ScoreColumn.doubles(scoreName, scoreOut));
        columns.add(ScoreColumn.integers("RANK", rankOut));
        if (query.taskType() == TaskType.BINARY) {
            columns.add(ScoreColumn.strings("RECOMMENDED_ACTION", actionOut));
        }
        return new ScoreTable(columns);
    }

    /** A column a person recognises an entity by: {@code name}, else {@code <something>_name}, if textual. */
    static Optional<Column> displayColumn(Table entities) {
        Optional<ColumnSchema> exact = entities.schema().columns().stream()
                .filter(c -> c.name().equalsIgnoreCase("name")).findFirst();
        Optional<ColumnSchema> named = exact.or(() -> entities.schema().columns().stream()
                .filter(c -> c.name().toLowerCase(Locale.ROOT).endsWith("_name")).findFirst());
        return named.filter(c -> c.type() == SemanticType.TEXT || c.type() == SemanticType.CATEGORICAL)
                .map(c -> entities.requireColumn(c.name()));
    }
}

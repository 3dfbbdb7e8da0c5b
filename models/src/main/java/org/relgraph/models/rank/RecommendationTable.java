package org.relgraph.models.rank;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.relgraph.models.output.ScoreColumn;
import org.relgraph.models.output.ScoreTable;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.table.Column;
import org.relgraph.table.Table;

/**
 * What a ranking model hands to the business: per entity its best items (actions for ARGMAX, referenced keys for
 * LIST_DISTINCT) as {@code RECOMMENDATION_1..n}, the best item's score, and the entity's rank by that score.
 */
public final class RecommendationTable {
    private RecommendationTable() {
    }

    public static ScoreTable build(PredictiveQuery query, Table entities, int[] entityRows, List<List<String>> items,
                                   double[] bestScores, int top) {
        // An entity with nothing left to recommend (an ARGMAX query's OFFERING rule left it no action) gets no row.
        Integer[] order = java.util.stream.IntStream.range(0, entityRows.length).filter(i -> !items.get(i).isEmpty())
                .boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, (a, b) -> bestScores[a] != bestScores[b]
                ? Double.compare(bestScores[b], bestScores[a]) : Integer.compare(entityRows[a], entityRows[b]));
        int n = top > 0 ? Math.min(top, order.length) : order.length;
        int width = items.stream().mapToInt(List::size).max().orElse(0);
        Column keys = entities.requireColumn(query.entityKey());
        String[] keyOut = new String[n];
        double[] scoreOut = new double[n];
        long[] rankOut = new long[n];
        String[][] itemOut = new String[width][n];
        for (int i = 0; i < n; i++) {
            int k = order[i];
            keyOut[i] = keys.format(entityRows[k]);
            scoreOut[i] = bestScores[k];
            rankOut[i] = i + 1;
            for (int j = 0; j < width; j++) {
                itemOut[j][i] = j < items.get(k).size() ? items.get(k).get(j) : null;
            }
        }
        List<ScoreColumn> columns = new ArrayList<>();
        columns.add(ScoreColumn.strings(query.entityKey().toUpperCase(Locale.ROOT), keyOut));
        for (int j = 0; j < width; j++) {
            columns.add(ScoreColumn.strings("RECOMMENDATION_" + (j + 1), itemOut[j]));
        }
        columns.add(ScoreColumn.doubles("BEST_SCORE", scoreOut));
        columns.add(ScoreColumn.integers("RANK", rankOut));
        return new ScoreTable(columns);
    }
}

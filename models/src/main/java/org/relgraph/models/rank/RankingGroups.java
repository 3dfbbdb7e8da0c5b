package org.relgraph.models.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingTable;

/**
 * A ranking query's examples as one group per (entity, anchor) with the set of relevant items, the unit MAP@k is
 * computed over. ARGMAX: the examples are candidate rows; the relevant items are the {@link ActionSpace} actions of
 * the candidates whose condition held (a group whose candidates all failed has none and is skipped by
 * {@link org.relgraph.metrics.RankingMetrics}). LIST_DISTINCT: the relevant items are the referenced rows.
 */
public record RankingGroups(int[] entityRows, long[] anchors, List<int[]> relevant) {
    public int size() {
        return entityRows.length;
    }

    public static RankingGroups of(TrainingTable table, ActionSpace.Lookup actions) {
        if (table.taskType() != TaskType.RANKING) {
            throw new IllegalArgumentException("not a ranking table: " + table.taskType());
        }
        Map<Long, TreeSet<Integer>> byGroup = new LinkedHashMap<>();
        Map<Long, long[]> keys = new LinkedHashMap<>();
        for (int i = 0; i < table.size(); i++) {
            long key = ((long) table.anchors().indexOf(table.anchorTime(i)) << 32) | table.entityRow(i);
            TreeSet<Integer> items = byGroup.computeIfAbsent(key, k -> new TreeSet<>());
            keys.putIfAbsent(key, new long[] {table.entityRow(i), table.anchorTime(i)});
            if (table.hasListLabels()) {
                Arrays.stream(table.labelList(i)).forEach(items::add);
            } else if (table.label(i) > 0.5) {
                int a = actions.actionOf(table.targetRow(i));
                if (a >= 0) {
                    items.add(a);
                }
            }
        }
        int n = byGroup.size();
        int[] entities = new int[n];
        long[] anchors = new long[n];
        List<int[]> relevant = new ArrayList<>(n);
        int g = 0;
        for (Map.Entry<Long, TreeSet<Integer>> e : byGroup.entrySet()) {
            long[] k = keys.get(e.getKey());
            entities[g] = (int) k[0];
            anchors[g] = k[1];
            relevant.add(e.getValue().stream().mapToInt(Integer::intValue).toArray());
            g++;
        }
        return new RankingGroups(entities, anchors, relevant);
    }
}

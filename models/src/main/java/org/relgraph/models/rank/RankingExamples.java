package org.relgraph.models.rank;

import java.util.ArrayList;
import java.util.List;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.LabeledSeeds;
import org.relgraph.query.RankingSeeds;
import org.relgraph.query.TrainingTable;
import org.relgraph.table.Table;

/**
 * Groups an ARGMAX training table — one row per candidate interaction — into one ranking example per (entity,
 * anchor): the actions taken with the entity in the window and whether the condition held for each. An
 * interaction whose action is not a candidate (first seen after training) keeps index -1: if it was accepted it
 * still counts as relevant, and no ranking can contain it, so it is an honest miss rather than silently dropped.
 */
public final class RankingExamples {
    private RankingExamples() {
    }

    /**
     * @param entityTimes the entity table's row times, as {@link LabeledSeeds#from} takes them
     */
    public static RankingSeeds of(TrainingTable table, ActionSpace space, Table target, GnnConfig config,
                                  long[] entityTimes) {
        return of(table, space, target, config, entityTimes, ActionEligibility.everyAction());
    }

    /**
     * {@link #of(TrainingTable, ActionSpace, Table, GnnConfig, long[])} with each example's eligible actions as of
     * its anchor (not its input time: the rule is the decision made at the anchor), so training and metrics leave
     * out what could not have been recommended then.
     */
    public static RankingSeeds of(TrainingTable table, ActionSpace space, Table target, GnnConfig config,
                                  long[] entityTimes, ActionEligibility eligibility) {
        if (!table.hasCandidateRows()) {
            throw new IllegalArgumentException("not an ARGMAX table: it has no candidate rows");
        }
        // Same input times as every other task (cut-off, entities created after it): one rule, in LabeledSeeds.
        LabeledSeeds perRow = LabeledSeeds.from(table, config, entityTimes);
        ActionSpace.Lookup lookup = space.lookup(target);
        int[] starts = groupStarts(table);
        int n = starts.length;
        int[] rows = new int[n];
        long[] times = new long[n];
        int[][] shown = new int[n][];
        boolean[][] accepted = new boolean[n][];
        int[] entityRows = new int[n];
        long[] anchors = new long[n];
        for (int g = 0; g < n; g++) {
            int from = starts[g];
            entityRows[g] = table.entityRow(from);
            anchors[g] = table.anchorTime(from);
            int to = g + 1 < n ? starts[g + 1] : table.size();
            rows[g] = perRow.rows()[from];
            times[g] = perRow.times()[from];
            shown[g] = new int[to - from];
            accepted[g] = new boolean[to - from];
            for (int i = from; i < to; i++) {
                shown[g][i - from] = lookup.actionOf(table.targetRow(i));
                accepted[g][i - from] = table.label(i) > 0.5;
            }
        }
        return new RankingSeeds(rows, times, shown, accepted, eligibility.at(entityRows, anchors));
    }

    /**
     * {@link #of(TrainingTable, ActionSpace, Table, GnnConfig, long[])} for models that compute their own inputs
     * from each example's anchor (the flat ranker's point-in-time features): seeds are seen as of their anchors.
     */
    public static RankingSeeds of(TrainingTable table, ActionSpace space, Table target,
                                  ActionEligibility eligibility) {
        return of(table, space, target, GnnConfig.defaults(), null, eligibility);
    }

    /**
     * A LIST_DISTINCT table — one row per (entity, anchor), labelled with the parent rows its target rows reference
     * in the window — as ranking seeds over {@code space} ({@link ActionSpace#forListDistinct}): every referenced row
     * is "shown and accepted", so it is relevant; one outside the candidates keeps index -1, an honest miss.
     */
    public static RankingSeeds ofList(TrainingTable table, ActionSpace space, GnnConfig config, long[] entityTimes) {
        if (!table.hasListLabels()) {
            throw new IllegalArgumentException("not a LIST_DISTINCT table: its labels are not lists");
        }
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int a = 0; a < space.size(); a++) {
            index.put(space.actions().get(a).get(0), a);
        }
        int n = table.size();
        int[] rows = new int[n];
        long[] times = new long[n];
        int[][] shown = new int[n][];
        boolean[][] accepted = new boolean[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = table.entityRow(i);
            times[i] = LabeledSeeds.inputTime(table.anchorTime(i), rows[i], config, entityTimes);
            List<String> keys = table.labelListKeys(i);
            shown[i] = keys.stream().mapToInt(k -> index.getOrDefault(k, -1)).toArray();
            accepted[i] = new boolean[keys.size()];
            java.util.Arrays.fill(accepted[i], true);
        }
        return new RankingSeeds(rows, times, shown, accepted);
    }

    /** The first table row of each (entity, anchor) example, ascending: the labeler emits each one's rows together. */
    public static int[] groupStarts(TrainingTable table) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            if (i == 0 || table.entityRow(i) != table.entityRow(i - 1)
                    || table.anchorTime(i) != table.anchorTime(i - 1)) {
                starts.add(i);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}

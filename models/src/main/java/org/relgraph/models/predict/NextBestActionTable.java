package org.relgraph.models.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.relgraph.models.output.ScoreColumn;
import org.relgraph.models.output.ScoreTable;
import org.relgraph.models.rank.ActionSpace;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.table.Column;
import org.relgraph.table.Table;

/**
 * The table a next-best-action run hands to the business: per entity its best action and the calibrated probability
 * that it is accepted, ranked by that probability, with a High / Medium / Low priority by rank share.
 *
 * <p>Column names come from the data, not from code: the entity's key column, a display name when the entity table
 * has one, then the action. The rule for the action: a component whose column name contains "channel" is
 * <em>how</em> to act and gets its own column named after that column (e.g. {@code CHANNEL}); the other
 * components are <em>what</em> to do, joined by " / " into {@code RECOMMENDED_ACTION}. An action of one component
 * is always {@code RECOMMENDED_ACTION}, even a channel (then the channel is the whole recommendation).
 *
 * <p>Only actions the query's OFFERING rule lets an entity be offered as of the date are recommended; an entity
 * left none gets no row. {@link #buildPerEntity} lists each entity's best K actions with PRIORITY 1..K.
 */
public final class NextBestActionTable {
    public static final List<String> PRIORITIES = List.of("High", "Medium", "Low");

    private NextBestActionTable() {
    }

    /**
     * One row per entity: its best eligible action, ranked across entities with a High / Medium / Low priority.
     *
     * @param probabilities per entity, the probability of each action of {@code actions}
     * @param eligible      per entity, which actions may be recommended (the query's OFFERING rule), or null for
     *                      all; an entity with none gets no row
     * @param tiers         rank shares for High and Medium (labels are replaced by {@link #PRIORITIES})
     * @param top           keep the best N entities, 0 for all
     */
    public static ScoreTable build(PredictiveQuery query, Table entities, int[] entityRows, ActionSpace actions,
                                   double[][] probabilities, boolean[][] eligible, ActionTiers tiers, int top) {
        Ranked ranked = Ranked.of(probabilities, eligible, 1);
        int[] order = ranked.entityOrder();
        int n = order.length;
        int rows = top > 0 ? Math.min(top, n) : n;
        ActionTiers priority = new ActionTiers(tiers.outreachShare(), tiers.nurtureShare(), PRIORITIES);
        Rows out = new Rows(query, entities, actions, rows);
        for (int r = 0; r < rows; r++) {
            int i = order[r];
            int a = ranked.actions[i][0];
            out.add(entityRows[i], actions.actions().get(a), probabilities[i][a]);
            out.priority[r] = priority.actionFor(r + 1, n);
        }
        return out.table(ScoreColumn.strings("PRIORITY", out.priority));
    }

    /**
     * Up to {@code k} rows per entity: its best eligible actions, best first, with {@code PRIORITY} 1..k within the
     * entity; entities ordered by their best action's probability, as {@link #build} ranks them.
     *
     * @param top keep the best N entities (with all their rows), 0 for all
     */
    public static ScoreTable buildPerEntity(PredictiveQuery query, Table entities, int[] entityRows,
                                            ActionSpace actions, double[][] probabilities, boolean[][] eligible,
                                            int k, int top) {
        if (k < 1) {
            throw new IllegalArgumentException("k = " + k);
        }
        Ranked ranked = Ranked.of(probabilities, eligible, k);
        int[] order = ranked.entityOrder();
        int entitiesOut = top > 0 ? Math.min(top, order.length) : order.length;
        int rows = 0;
        for (int r = 0; r < entitiesOut; r++) {
            rows += ranked.actions[order[r]].length;
        }
        Rows out = new Rows(query, entities, actions, rows);
        long[] rank = new long[rows];
        for (int r = 0; r < entitiesOut; r++) {
            int i = order[r];
            for (int j = 0; j < ranked.actions[i].length; j++) {
                int a = ranked.actions[i][j];
                rank[out.size] = j + 1;
                out.add(entityRows[i], actions.actions().get(a), probabilities[i][a]);
            }
        }
        return out.table(ScoreColumn.integers("PRIORITY", rank));
    }

    /** Per entity its best eligible actions, best first (ties to the lower action index), at most {@code k}. */
    private record Ranked(int[][] actions, double[] best) {
        static Ranked of(double[][] probabilities, boolean[][] eligible, int k) {
            int n = probabilities.length;
            int[][] actions = new int[n][];
            double[] best = new double[n];
            for (int i = 0; i < n; i++) {
                double[] p = probabilities[i];
                boolean[] ok = eligible == null ? null : eligible[i];
                actions[i] = java.util.stream.IntStream.range(0, p.length).filter(a -> ok == null || ok[a]).boxed()
                        .sorted((a, b) -> p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b))
                        .limit(k).mapToInt(Integer::intValue).toArray();
                best[i] = actions[i].length == 0 ? Double.NaN : p[actions[i][0]];
            }
            return new Ranked(actions, best);
        }

        /** Entities with an eligible action, by their best action's probability, best first. */
        int[] entityOrder() {
            return java.util.Arrays.stream(RankedScores.order(best, true)).filter(i -> actions[i].length > 0)
                    .toArray();
        }
    }

    /** The columns every NBA table shares, filled row by row: key, name, action, propensity, channel. */
    private static final class Rows {
        private final PredictiveQuery query;
        private final ActionSpace actions;
        private final int channel;
        private final Column keys;
        private final Optional<Column> names;
        private final String[] keyOut;
        private final String[] nameOut;
        private final String[] actionOut;
        private final String[] channelOut;
        private final double[] propensityOut;
        final String[] priority;
        int size;

        Rows(PredictiveQuery query, Table entities, ActionSpace actions, int rows) {
            this.query = query;
            this.actions = actions;
            this.channel = actions.columns().size() > 1 ? actions.channelComponent() : -1;
            this.keys = entities.requireColumn(query.entityKey());
            this.names = PropensityTable.displayColumn(entities);
            keyOut = new String[rows];
            nameOut = new String[rows];
            actionOut = new String[rows];
            channelOut = new String[rows];
            propensityOut = new double[rows];
            priority = new String[rows];
        }

        void add(int entityRow, List<String> action, double propensity) {
            List<String> what = new ArrayList<>();
            for (int c = 0; c < action.size(); c++) {
                if (c != channel) {
                    what.add(action.get(c));
                }
            }
            keyOut[size] = keys.format(entityRow);
            nameOut[size] = names.map(col -> col.format(entityRow)).orElse(null);
            actionOut[size] = String.join(" / ", what);
            channelOut[size] = channel >= 0 ? action.get(channel) : null;
            propensityOut[size] = propensity;
            size++;
        }

        ScoreTable table(ScoreColumn priorityColumn) {
            List<ScoreColumn> columns = new ArrayList<>();
            columns.add(ScoreColumn.strings(query.entityKey().toUpperCase(Locale.ROOT), keyOut));
            names.ifPresent(c -> columns.add(ScoreColumn.strings(c.name().toUpperCase(Locale.ROOT), nameOut)));
            columns.add(ScoreColumn.strings("RECOMMENDED_ACTION", actionOut));
            columns.add(ScoreColumn.doubles("PROPENSITY", propensityOut));
            if (channel >= 0) {
                columns.add(ScoreColumn.strings(TargetName.identifier(actions.columns().get(channel)), channelOut));
            }
            columns.add(priorityColumn);
            return new ScoreTable(columns);
        }
    }
}

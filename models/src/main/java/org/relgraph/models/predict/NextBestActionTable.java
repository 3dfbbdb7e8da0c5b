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
 */
public final class NextBestActionTable {
    public static final List<String> PRIORITIES = List.of("High", "Medium", "Low");

    private NextBestActionTable() {
    }

    /**
     * @param probabilities per entity, the probability of each action of {@code actions}
     * @param tiers         rank shares for High and Medium (labels are replaced by {@link #PRIORITIES})
     * @param top           keep the best N entities, 0 for all
     */
    public static ScoreTable build(PredictiveQuery query, Table entities, int[] entityRows, ActionSpace actions,
                                   double[][] probabilities, ActionTiers tiers, int top) {
        int n = entityRows.length;
        int[] bestAction = new int[n];
        double[] best = new double[n];
        for (int i = 0; i < n; i++) {
            for (int a = 1; a < probabilities[i].length; a++) {
                if (probabilities[i][a] > probabilities[i][bestAction[i]]) {
                    bestAction[i] = a;
                }
            }
            best[i] = probabilities[i][bestAction[i]];
        }
        int[] order = RankedScores.order(best, true);
        int rows = top > 0 ? Math.min(top, n) : n;
        ActionTiers priority = new ActionTiers(tiers.outreachShare(), tiers.nurtureShare(), PRIORITIES);
        int channel = actions.columns().size() > 1 ? actions.channelComponent() : -1;
        Column keys = entities.requireColumn(query.entityKey());
        Optional<Column> names = PropensityTable.displayColumn(entities);
        String[] keyOut = new String[rows];
        String[] nameOut = new String[rows];
        String[] actionOut = new String[rows];
        String[] channelOut = new String[rows];
        double[] propensityOut = new double[rows];
        String[] priorityOut = new String[rows];
        for (int r = 0; r < rows; r++) {
            int i = order[r];
            List<String> action = actions.actions().get(bestAction[i]);
            List<String> what = new ArrayList<>();
            for (int c = 0; c < action.size(); c++) {
                if (c != channel) {
                    what.add(action.get(c));
                }
            }
            keyOut[r] = keys.format(entityRows[i]);
            nameOut[r] = names.map(col -> col.format(entityRows[i])).orElse(null);
            actionOut[r] = String.join(" / ", what);
            channelOut[r] = channel >= 0 ? action.get(channel) : null;
            propensityOut[r] = best[i];
            priorityOut[r] = priority.actionFor(r + 1, n);
        }
        List<ScoreColumn> columns = new ArrayList<>();
        columns.add(ScoreColumn.strings(query.entityKey().toUpperCase(Locale.ROOT), keyOut));
        names.ifPresent(c -> columns.add(ScoreColumn.strings(c.name().toUpperCase(Locale.ROOT), nameOut)));
        columns.add(ScoreColumn.strings("RECOMMENDED_ACTION", actionOut));
        columns.add(ScoreColumn.doubles("PROPENSITY", propensityOut));
        if (channel >= 0) {
            columns.add(ScoreColumn.strings(TargetName.identifier(actions.columns().get(channel)), channelOut));
        }
        columns.add(ScoreColumn.strings("PRIORITY", priorityOut));
        return new ScoreTable(columns);
    }
}

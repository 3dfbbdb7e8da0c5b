package org.relgraph.models.explain;

import java.util.ArrayList;
import java.util.List;
import org.relgraph.models.output.ScoreColumn;
import org.relgraph.models.output.ScoreTable;

/**
 * Adds REASON_1..K to a score table: row i's reasons come from {@code explanations.get(i)}, as {@link Reason#text()}
 * (empty past an entity's last reason), so a campaign file carries the why next to each score.
 */
public final class ReasonColumns {
    private ReasonColumns() {
    }

    public static ScoreTable append(ScoreTable table, List<EntityExplanation> explanations, int k) {
        if (explanations.size() != table.rowCount()) {
            throw new IllegalArgumentException(explanations.size() + " explanations for " + table.rowCount()
                    + " rows");
        }
        List<ScoreColumn> columns = new ArrayList<>(table.columns());
        for (int j = 0; j < k; j++) {
            String[] texts = new String[table.rowCount()];
            for (int i = 0; i < texts.length; i++) {
                List<Reason> reasons = explanations.get(i).reasons();
                texts[i] = j < reasons.size() ? reasons.get(j).text() : null;
            }
            columns.add(ScoreColumn.strings("REASON_" + (j + 1), texts));
        }
        return new ScoreTable(columns);
    }
}

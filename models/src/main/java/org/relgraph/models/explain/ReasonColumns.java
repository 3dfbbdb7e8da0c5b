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
        return appendTexts(table, explanations.stream().map(e -> texts(e, k)).toList(), k);
    }

    /**
     * The REASON_1..k values of one explanation: its reasons' {@link Reason#text()}, null past its last reason. What
     * a worker that explains rows far from the table they end up in (a Spark executor) sends back.
     */
    public static String[] texts(EntityExplanation explanation, int k) {
        List<Reason> reasons = explanation.reasons();
        String[] texts = new String[k];
        for (int j = 0; j < k; j++) {
            texts[j] = j < reasons.size() ? reasons.get(j).text() : null;
        }
        return texts;
    }

    /** Adds REASON_1..k to {@code table}, row i's from {@code texts.get(i)} ({@link #texts}). */
    public static ScoreTable appendTexts(ScoreTable table, List<String[]> texts, int k) {
        if (texts.size() != table.rowCount()) {
            throw new IllegalArgumentException(texts.size() + " rows of reasons for " + table.rowCount() + " rows");
        }
        List<ScoreColumn> columns = new ArrayList<>(table.columns());
        for (int j = 0; j < k; j++) {
            String[] column = new String[table.rowCount()];
            for (int i = 0; i < column.length; i++) {
                column[i] = texts.get(i)[j];
            }
            columns.add(ScoreColumn.strings("REASON_" + (j + 1), column));
        }
        return new ScoreTable(columns);
    }
}

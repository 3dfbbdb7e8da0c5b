package org.relgraph.models.output;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Score tables shaped like real `relgraph predict` output, with the strings that break naive writers. */
final class SampleScores {
    static final String[] AWKWARD_NAMES = {
        "O'Brien, \"Jr.\"", "line\nbreak", "tab\there", "back\\slash", "Zoë Ñúñez 日本", "", null, "  padded  ",
        "comma,separated", "semi;colon", "\\N", "a\r\nb"
    };

    private SampleScores() {
    }

    /** CUSTOMER_ID, NAME, MORTGAGE_PROPENSITY, RANK, RECOMMENDED_ACTION, LAST_CONTACT (DATE, some null). */
    static ScoreTable propensity(int rows, long seed) {
        Random random = new Random(seed);
        ScoreTable.Builder builder = ScoreTable.builder()
                .column("CUSTOMER_ID", ScoreColumn.Kind.INTEGER)
                .column("NAME", ScoreColumn.Kind.STRING)
                .column("MORTGAGE_PROPENSITY", ScoreColumn.Kind.DOUBLE)
                .column("RANK", ScoreColumn.Kind.INTEGER)
                .column("RECOMMENDED_ACTION", ScoreColumn.Kind.STRING)
                .column("LAST_CONTACT", ScoreColumn.Kind.DATE);
        for (int i = 0; i < rows; i++) {
            builder.addRow(
                    100_000L + i,
                    AWKWARD_NAMES[i % AWKWARD_NAMES.length],
                    random.nextDouble(),
                    (long) i + 1,
                    i % 3 == 0 ? "offer_mortgage" : "no_action",
                    i % 5 == 4 ? null : LocalDate.of(2024, 1, 1).plusDays(random.nextInt(700)));
        }
        return builder.build();
    }

    /** Every value of the table as boxed objects, row by row, for comparison with what was read back. */
    static List<List<Object>> rows(ScoreTable table) {
        List<List<Object>> rows = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (ScoreColumn column : table.columns()) {
                values.add(column.value(row));
            }
            rows.add(values);
        }
        return rows;
    }
}

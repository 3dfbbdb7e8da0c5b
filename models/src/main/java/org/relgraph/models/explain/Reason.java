package org.relgraph.models.explain;

import java.util.Locale;

/**
 * One readable reason behind a prediction: a group of model inputs (one column of the entity's own row, or the
 * related rows of one table sharing a value) with the attribution they carry together.
 *
 * @param table       the table the inputs come from
 * @param ownRow      whether they are the explained entity's own row (else related rows)
 * @param column      the column; for related rows grouped by a value, the grouping column
 * @param description what the group is, in the data's words, e.g. {@code merchant_category = 'Real estate services':
 *                    3 in last 60 days}
 * @param rows        how many sampled rows the group covers (1 for the entity's own columns)
 * @param attribution the summed integrated-gradients attribution, in units of the raw model output (the logit for
 *                    a binary task): positive raises the score, negative lowers it
 * @param share       |attribution| over the sum of every group's |attribution|, in [0, 1]
 */
public record Reason(String table, boolean ownRow, String column, String description, int rows, double attribution,
                     double share) {

    public boolean raises() {
        return attribution > 0;
    }

    /** {@code TRANSACTIONS merchant_category = 'Real estate services': 3 in last 60 days — 28 % ↑}. */
    public String text() {
        return String.format(Locale.ROOT, "%s — %.0f %% %s", subject(), 100 * share, raises() ? "↑" : "↓");
    }

    /** The group without its share: {@code CUSTOMERS age = 34}, {@code TRANSACTIONS merchant_category = …}. */
    public String subject() {
        return table.toUpperCase(Locale.ROOT) + " " + description;
    }
}

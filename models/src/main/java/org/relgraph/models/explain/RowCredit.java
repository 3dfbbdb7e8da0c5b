package org.relgraph.models.explain;

import java.util.Locale;

/**
 * How much one related row's being connected to the entity moved its score: the per-edge integrated-gradients
 * attribution of the edges carrying that row's messages.
 *
 * @param table       the row's table
 * @param key         its primary-key value, or "row N" for a table without one
 * @param when        what and when: its first categorical value and its date and age
 *                    ("merchant_category = 'real estate', 2024-11-20, 41 days before"), either part may be empty
 * @param attribution in raw-output units; positive raised the score
 * @param share       |attribution| over the sum of every related row's |attribution|
 */
public record RowCredit(String table, String key, String when, double attribution, double share) {
    /** {@code TRANSACTIONS 1234 (2024-11-20, 41 days before) — 18 % ↑}. */
    public String text() {
        return String.format(Locale.ROOT, "%s %s%s — %.0f %% %s", table.toUpperCase(Locale.ROOT), key,
                when.isEmpty() ? "" : " (" + when + ")", 100 * share, attribution > 0 ? "↑" : "↓");
    }
}

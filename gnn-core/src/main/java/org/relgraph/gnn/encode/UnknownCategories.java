package org.relgraph.gnn.encode;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Values of one categorical column that the model never saw in training. They share
 * {@link CategoricalEncoding#UNKNOWN_CODE}'s embedding (learnt from the values too rare in training to get their own
 * code), which is what lets a model trained last month score data with a category that appeared this week.
 *
 * @param values    distinct such values in the data
 * @param rows      rows holding one of them
 * @param examples  a few of the values, most frequent first
 * @param certain   false when the encoding cannot tell new values from ones too rare in training (older bundles),
 *                  so these may include the latter
 */
public record UnknownCategories(String table, String column, int values, long rows, List<String> examples,
                                boolean certain) {
    public UnknownCategories {
        examples = List.copyOf(examples);
    }

    /** One line for a user, e.g. "2 values of customers.segment unseen in training → unknown bucket (…)". */
    public String describe() {
        return String.format(Locale.ROOT, "%d value%s of %s.%s unseen in training%s → unknown bucket (%,d row%s; "
                        + "e.g. %s)", values, values == 1 ? "" : "s", table, column, certain ? "" : " (or too rare in it)",
                rows, rows == 1 ? "" : "s",
                examples.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ")));
    }
}

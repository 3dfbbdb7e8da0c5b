package org.relgraph.gnn.encode;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Values of one categorical column that the model's vocabulary lacks: new since training, or too rare in the
 * training rows to get their own code. They all share {@link CategoricalEncoding#UNKNOWN_CODE}'s embedding, which
 * is what lets a model trained last month score data with a category that appeared this week.
 *
 * @param values   distinct such values in the data
 * @param rows     rows holding one of them
 * @param examples a few of the values, most frequent first
 */
public record UnknownCategories(String table, String column, int values, long rows, List<String> examples) {
    public UnknownCategories {
        examples = List.copyOf(examples);
    }

    /** One line for a user, e.g. "2 values of customers.segment unseen in training → unknown bucket (…)". */
    public String describe() {
        return String.format(Locale.ROOT, "%d value%s of %s.%s unseen in training (or too rare in it) → unknown "
                        + "bucket (%,d rows; e.g. %s)", values, values == 1 ? "" : "s", table, column, rows,
                examples.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ")));
    }
}

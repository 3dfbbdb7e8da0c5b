package org.relgraph.query;

import java.util.Locale;
import java.util.Optional;

/** An aggregation of the target table's rows in the label window. */
public enum Aggregation {
    COUNT, SUM, AVG, MIN, MAX, COUNT_DISTINCT, FIRST, LAST;

    public static Optional<Aggregation> parse(String word) {
        try {
            return Optional.of(valueOf(word.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException notAnAggregation) {
            return Optional.empty();
        }
    }

    /** COUNT and SUM of no rows are 0; the others have no value and the entity is dropped for that anchor. */
    public boolean isDefinedOnEmpty() {
        return this == COUNT || this == SUM || this == COUNT_DISTINCT;
    }
}

package org.relgraph.models.rank;

import java.util.Arrays;
import org.relgraph.query.OfferEligibility;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.table.Database;

/**
 * Which actions of an {@link ActionSpace} may be recommended to an entity as of a time: the ARGMAX query's OFFERING
 * rule ({@link OfferEligibility}: nothing the entity holds then, nothing the catalog does not offer it), or every
 * action when the query has none. The rule is part of the query text, so every model bundle carries it and
 * training, evaluation and prediction apply the same one.
 */
public final class ActionEligibility {
    private static final ActionEligibility EVERY_ACTION = new ActionEligibility(null);
    private final OfferEligibility rule;

    private ActionEligibility(OfferEligibility rule) {
        this.rule = rule;
    }

    /**
     * @throws org.relgraph.schema.SchemaException when the data cannot match the query's rule
     */
    public static ActionEligibility of(Database db, PredictiveQuery query, ActionSpace actions) {
        if (actions == null || query.offerRule().isEmpty()) {
            return EVERY_ACTION;
        }
        return new ActionEligibility(OfferEligibility.compile(db, query, actions.columns(), actions.actions()));
    }

    /** Every action, always: for models without a rule. */
    public static ActionEligibility everyAction() {
        return EVERY_ACTION;
    }

    /** Whether some action may be left out, i.e. the query has an OFFERING rule. */
    public boolean applies() {
        return rule != null;
    }

    /** Per (entity, time) pair, which actions may be recommended; null when every action may. */
    public boolean[][] at(int[] entityRows, long[] times) {
        return rule == null ? null : rule.eligible(entityRows, times);
    }

    /** {@link #at} with one time for every entity, e.g. the date {@code predict} scores as of. */
    public boolean[][] asOf(int[] entityRows, long asOfMs) {
        long[] times = new long[entityRows.length];
        Arrays.fill(times, asOfMs);
        return at(entityRows, times);
    }
}

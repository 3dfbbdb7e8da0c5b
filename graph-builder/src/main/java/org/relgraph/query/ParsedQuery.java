package org.relgraph.query;

import java.util.Optional;

/**
 * The syntax tree of {@code PREDICT target FOR EACH entity [WHERE filter] [OFFERING ...]}, before names are
 * checked against a schema.
 *
 * @param filter   the entity filter, or null
 * @param offering which actions an ARGMAX query may recommend ({@link OfferRule}), or null
 */
public record ParsedQuery(String text, Target target, ColumnRef entity, Expr filter, OfferRule offering) {
    public ParsedQuery(String text, Target target, ColumnRef entity, Expr filter) {
        this(text, target, entity, filter, null);
    }

    public Optional<Expr> filterOpt() {
        return Optional.ofNullable(filter);
    }
}

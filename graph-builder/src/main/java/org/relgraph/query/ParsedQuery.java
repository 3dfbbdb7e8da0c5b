package org.relgraph.query;

import java.util.Optional;

/**
 * The syntax tree of {@code PREDICT target FOR EACH entity [WHERE filter]}, before names are checked against a
 * schema.
 *
 * @param filter the entity filter, or null
 */
public record ParsedQuery(String text, Target target, ColumnRef entity, Expr filter) {
    public Optional<Expr> filterOpt() {
        return Optional.ofNullable(filter);
    }
}

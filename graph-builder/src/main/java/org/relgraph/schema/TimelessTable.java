package org.relgraph.schema;

import java.util.Optional;

/**
 * A table with no time (no time column, nothing inherited, not declared {@code static: true}), and how it is reached:
 * its rows are shown at every prediction time, including rows created after it.
 *
 * @param path        from the entity table to this one, e.g. {@code account <-[account_id]- order}; for a listing
 *                    without an entity table, the table's own links
 * @param hops        foreign-key hops from the entity table, or 0 when listed without one
 * @param timedParent the foreign key to its one dated parent, which {@code time_from} could take the time from;
 *                    null when it has none or several
 */
public record TimelessTable(String table, String path, int hops, ForeignKey timedParent) {
    public Optional<ForeignKey> timedParentOpt() {
        return Optional.ofNullable(timedParent);
    }
}

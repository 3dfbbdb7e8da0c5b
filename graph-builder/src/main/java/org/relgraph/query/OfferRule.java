package org.relgraph.query;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code OFFERING} clause of an ARGMAX query: which candidate actions an entity may be recommended as of an
 * anchor. It names the action component that is the offered product and, optionally, the catalog row describing
 * it; then rules that each leave actions out:
 * <pre>
 * OFFERING INTERACTION_HISTORY.OFFER_SHOWN = PRODUCT_CATALOG.PRODUCT_NAME
 *   NOT HELD PRODUCT_HOLDINGS.PRODUCT_ID WHERE PRODUCT_HOLDINGS.STATUS = 'active'
 *   ELIGIBLE CUSTOMERS.SEGMENT >= PRODUCT_CATALOG.ELIGIBILITY_SEGMENT ORDER ('Mass Market', 'Mass Affluent', 'Premier')
 * </pre>
 * {@link OfferEligibility} evaluates it on data, as of each anchor.
 *
 * @param offer   the target table's action column holding the offered product
 * @param catalog the column of a catalog table whose value equals the offered product, or null without a catalog
 */
public record OfferRule(ColumnRef offer, ColumnRef catalog, List<NotHeld> notHeld, List<Eligible> eligible,
                        Span span) {
    public OfferRule {
        notHeld = List.copyOf(notHeld);
        eligible = List.copyOf(eligible);
    }

    /**
     * {@code NOT HELD table.column [WHERE cond]}: leave out an action whose product the entity holds as of the
     * anchor, i.e. has a row of {@code table} (linked to the entity, time at or before the anchor, satisfying
     * {@code where}) whose {@code column} is the product: a foreign key to the catalog row, or the product's value.
     *
     * @param where a row condition on the holdings table, or null for every row
     */
    public record NotHeld(ColumnRef column, Expr where, Span span) {
        public String render() {
            return "NOT HELD " + column.render() + (where == null ? "" : " WHERE " + where.render());
        }
    }

    /**
     * {@code ELIGIBLE entity.column op catalog.column [ORDER (v1, v2, ...)]}: keep an action only if the entity's
     * value compares with its catalog row's value by {@code op}; {@code order} ranks category values, lowest first,
     * for {@code < <= > >=} on categories (empty otherwise).
     */
    public record Eligible(ColumnRef entityColumn, CompareOp op, ColumnRef catalogColumn, List<Literal> order,
                           Span span) {
        public Eligible {
            order = List.copyOf(order);
        }

        public String render() {
            return "ELIGIBLE " + entityColumn.render() + " " + op.symbol() + " " + catalogColumn.render()
                    + (order.isEmpty() ? "" : " ORDER (" + order.stream().map(Literal::render)
                    .collect(Collectors.joining(", ")) + ")");
        }
    }

    public String render() {
        StringBuilder out = new StringBuilder("OFFERING ").append(offer.render());
        if (catalog != null) {
            out.append(" = ").append(catalog.render());
        }
        notHeld.forEach(n -> out.append(' ').append(n.render()));
        eligible.forEach(e -> out.append(' ').append(e.render()));
        return out.toString();
    }
}

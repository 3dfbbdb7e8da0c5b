package org.relgraph.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * A query's {@link OfferRule} compiled against data and a list of candidate actions: which actions may be
 * recommended to an entity as of a time {@code t}, reading nothing after {@code t}.
 * <ul>
 *   <li>{@code NOT HELD}: the entity's linked holdings rows with time at or before {@code t} (every row of a static
 *       table; a row without a time is never known to precede {@code t}) that satisfy the rule's WHERE hold the
 *       products they name; an action offering a held product is left out.</li>
 *   <li>{@code ELIGIBLE}: the entity row's value compared with the action's catalog row's value; a comparison with
 *       a null is false, so the action is left out.</li>
 *   <li>A catalog with a time column lists a product from its row's time on: before it, the product is left out.</li>
 * </ul>
 * Data that cannot match the rule is an error, not a rule that silently leaves nothing out: an offered value with
 * no (or two) catalog rows, holdings that never name an offered product, a category missing from an ORDER list.
 */
public final class OfferEligibility {
    private final int actions;
    /** Per action, the index of its offered product (distinct offered values). */
    private final int[] productOf;
    private final int products;
    /** Per action, its catalog row's time, or {@link Long#MIN_VALUE} when the catalog is static or absent. */
    private final long[] listedFrom;
    private final List<Holdings> holdings = new ArrayList<>();
    private final List<Comparison> comparisons = new ArrayList<>();

    private OfferEligibility(int actions, int[] productOf, int products, long[] listedFrom) {
        this.actions = actions;
        this.productOf = productOf;
        this.products = products;
        this.listedFrom = listedFrom;
    }

    /**
     * @param actionColumns the action's component columns of the query's target table
     * @param actions       the candidate actions, each a value per component, as text
     * @throws SchemaException when the data cannot match the rule (see the class comment)
     * @throws IllegalArgumentException when the query has no OFFERING rule
     */
    public static OfferEligibility compile(Database db, PredictiveQuery query, List<String> actionColumns,
                                           List<List<String>> actions) {
        OfferRule rule = query.offerRule().orElseThrow(() -> new IllegalArgumentException("no OFFERING rule"));
        int component = -1;
        for (int c = 0; c < actionColumns.size(); c++) {
            component = actionColumns.get(c).equalsIgnoreCase(rule.offer().column()) ? c : component;
        }
        if (component < 0) {
            throw new IllegalArgumentException(rule.offer().render() + " is not one of the action columns "
                    + actionColumns);
        }
        Map<String, Integer> productIndex = new HashMap<>();
        int[] productOf = new int[actions.size()];
        for (int a = 0; a < actions.size(); a++) {
            productOf[a] = productIndex.computeIfAbsent(actions.get(a).get(component), v -> productIndex.size());
        }
        String[] productValue = new String[productIndex.size()];
        productIndex.forEach((v, p) -> productValue[p] = v);

        Table catalog = null;
        int[] catalogRowOfProduct = null;
        long[] listedFrom = new long[actions.size()];
        Arrays.fill(listedFrom, Long.MIN_VALUE);
        if (rule.catalog() != null) {
            catalog = db.table(rule.catalog().table());
            catalogRowOfProduct = catalogRows(catalog, rule, productValue);
            Optional<LongColumn> time = catalog.timeColumn();
            if (time.isPresent()) {
                for (int a = 0; a < actions.size(); a++) {
                    int row = catalogRowOfProduct[productOf[a]];
                    listedFrom[a] = time.get().isNull(row) ? Long.MIN_VALUE : time.get().get(row);
                }
            }
        }
        OfferEligibility e = new OfferEligibility(actions.size(), productOf, productValue.length, listedFrom);
        for (OfferRule.NotHeld n : rule.notHeld()) {
            e.holdings.add(Holdings.of(db, query, n, rule, catalogRowOfProduct, productValue));
        }
        for (OfferRule.Eligible c : rule.eligible()) {
            e.comparisons.add(Comparison.of(db.table(query.entityTable()), catalog, c, catalogRowOfProduct,
                    productOf));
        }
        return e;
    }

    /** Per offered product, the catalog row whose rule column equals it; an error when none or two do. */
    private static int[] catalogRows(Table catalog, OfferRule rule, String[] productValue) {
        Column column = catalog.requireColumn(rule.catalog().column());
        Map<String, Integer> rowOf = new HashMap<>();
        for (int r = 0; r < column.size(); r++) {
            String v = column.format(r);
            if (v == null) {
                continue;
            }
            Integer previous = rowOf.putIfAbsent(v, r);
            if (previous != null) {
                throw new SchemaException(catalog.name() + "." + column.name() + " has '" + v + "' in rows "
                        + (previous + 1) + " and " + (r + 1) + ", so which catalog row an offer of it means is "
                        + "ambiguous", "name a catalog column with one row per product after OFFERING ... =");
            }
        }
        int[] out = new int[productValue.length];
        for (int p = 0; p < productValue.length; p++) {
            Integer row = rowOf.get(productValue[p]);
            if (row == null) {
                throw new SchemaException("offered " + rule.offer().render() + " = '" + productValue[p]
                                + "' has no row in " + catalog.name() + " with " + column.name() + " = '"
                                + productValue[p] + "'", "add the product to " + catalog.name()
                                + ", or name the catalog column holding the offered values after OFFERING ... ="
                                + DidYouMean.suffix(productValue[p], new ArrayList<>(rowOf.keySet())));
            }
            out[p] = row;
        }
        return out;
    }

    /** How many actions each answer of {@link #eligible} covers. */
    public int actions() {
        return actions;
    }

    /** Per action, whether it may be recommended to {@code entityRow} as of {@code t}. */
    public boolean[] eligible(int entityRow, long t) {
        boolean[] out = new boolean[actions];
        boolean[] held = new boolean[products];
        for (Holdings h : holdings) {
            h.markHeld(entityRow, t, held);
        }
        for (int a = 0; a < actions; a++) {
            boolean ok = !held[productOf[a]] && listedFrom[a] <= t;
            for (int c = 0; ok && c < comparisons.size(); c++) {
                ok = comparisons.get(c).holds(entityRow, a);
            }
            out[a] = ok;
        }
        return out;
    }

    /** {@link #eligible} for many (entity, time) pairs. */
    public boolean[][] eligible(int[] entityRows, long[] times) {
        boolean[][] out = new boolean[entityRows.length][];
        for (int i = 0; i < entityRows.length; i++) {
            out[i] = eligible(entityRows[i], times[i]);
        }
        return out;
    }

    /** One NOT HELD rule: per entity, its qualifying holdings rows as (time, product), sorted by time. */
    private static final class Holdings {
        private final int[] start;
        private final long[] time;
        private final int[] product;

        private Holdings(int[] start, long[] time, int[] product) {
            this.start = start;
            this.time = time;
            this.product = product;
        }

        static Holdings of(Database db, PredictiveQuery query, OfferRule.NotHeld rule, OfferRule offer,
                           int[] catalogRowOfProduct, String[] productValue) {
            Table table = db.table(rule.column().table());
            ForeignKey toEntity = table.schema().foreignKeys().stream()
                    .filter(fk -> fk.referencedTable().equalsIgnoreCase(query.entityTable())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("binder let an unlinked table through"));
            int[] entityOf = db.parentRows(toEntity);
            int[] productOfRow = productOfRows(db, table, rule, catalogRowOfProduct, productValue);
            RowPredicate where = rule.where() == null ? RowPredicate.ALWAYS
                    : new RowPredicateCompiler(table).compile(rule.where());
            Optional<LongColumn> times = table.timeColumn();
            int entities = db.table(query.entityTable()).rowCount();
            int[] count = new int[entities + 1];
            int qualifying = 0;
            int matched = 0;
            for (int r = 0; r < entityOf.length; r++) {
                if (entityOf[r] < 0 || !where.test(r)) {
                    continue;
                }
                qualifying++;
                if (productOfRow[r] >= 0 && (times.isEmpty() || !times.get().isNull(r))) {
                    count[entityOf[r] + 1]++;
                    matched++;
                }
            }
            if (qualifying > 0 && matched == 0) {
                throw new SchemaException(String.format(java.util.Locale.ROOT, "none of the %,d rows of ", qualifying)
                        + table.name()
                        + (rule.where() == null ? "" : " where " + rule.where().render()) + " holds an offered "
                        + offer.offer().render() + " through " + rule.column().render() + ", so NOT HELD would "
                        + "leave nothing out", "name the holdings column that identifies the product: a foreign "
                        + "key to the catalog after OFFERING ... =, or a column with the offered values");
            }
            for (int e = 0; e < entities; e++) {
                count[e + 1] += count[e];
            }
            int[] next = Arrays.copyOf(count, entities);
            long[] time = new long[matched];
            int[] product = new int[matched];
            for (int r = 0; r < entityOf.length; r++) {
                if (entityOf[r] < 0 || productOfRow[r] < 0 || !where.test(r)
                        || times.isPresent() && times.get().isNull(r)) {
                    continue;
                }
                int i = next[entityOf[r]]++;
                time[i] = times.isEmpty() ? Long.MIN_VALUE : times.get().get(r); // a static row is always known
                product[i] = productOfRow[r];
            }
            return new Holdings(count, time, product);
        }

        /** Per holdings row, the offered product it names, or -1. */
        private static int[] productOfRows(Database db, Table table, OfferRule.NotHeld rule,
                                           int[] catalogRowOfProduct, String[] productValue) {
            Column column = table.requireColumn(rule.column().column());
            int[] out = new int[column.size()];
            Arrays.fill(out, -1);
            Optional<ForeignKey> toCatalog = table.schema().foreignKeys().stream()
                    .filter(fk -> fk.column().equalsIgnoreCase(column.name())).findFirst();
            if (toCatalog.isPresent()) {
                // The binder checked it references the catalog: match catalog rows, whatever the key's spelling.
                Map<Integer, Integer> productOfCatalogRow = new HashMap<>();
                for (int p = 0; p < catalogRowOfProduct.length; p++) {
                    productOfCatalogRow.put(catalogRowOfProduct[p], p);
                }
                int[] catalogRow = db.parentRows(toCatalog.get());
                for (int r = 0; r < out.length; r++) {
                    out[r] = catalogRow[r] < 0 ? -1 : productOfCatalogRow.getOrDefault(catalogRow[r], -1);
                }
                return out;
            }
            Map<String, Integer> productOfValue = new HashMap<>();
            for (int p = 0; p < productValue.length; p++) {
                productOfValue.put(productValue[p], p);
            }
            for (int r = 0; r < out.length; r++) {
                String v = column.format(r);
                out[r] = v == null ? -1 : productOfValue.getOrDefault(v, -1);
            }
            return out;
        }

        void markHeld(int entityRow, long t, boolean[] held) {
            for (int i = start[entityRow]; i < start[entityRow + 1]; i++) {
                if (time[i] <= t) {
                    held[product[i]] = true;
                }
            }
        }
    }

    /** One ELIGIBLE rule: the entity's value against each action's catalog value, as numbers or ranks or text. */
    private static final class Comparison {
        private final OfferRule.Eligible rule;
        private final Column entity;
        /** Per action: its catalog value as a number or rank, NaN when null; text values in {@link #catalogText}. */
        private final double[] catalogNumber;
        private final String[] catalogText;
        private final Map<String, Integer> rank;

        private Comparison(OfferRule.Eligible rule, Column entity, double[] catalogNumber, String[] catalogText,
                           Map<String, Integer> rank) {
            this.rule = rule;
            this.entity = entity;
            this.catalogNumber = catalogNumber;
            this.catalogText = catalogText;
            this.rank = rank;
        }

        static Comparison of(Table entities, Table catalog, OfferRule.Eligible rule, int[] catalogRowOfProduct,
                             int[] productOf) {
            Column entity = entities.requireColumn(rule.entityColumn().column());
            Column catalogColumn = catalog.requireColumn(rule.catalogColumn().column());
            Map<String, Integer> rank = null;
            if (!rule.order().isEmpty()) {
                rank = new HashMap<>();
                for (Literal v : rule.order()) {
                    rank.put(((Literal.StringLiteral) v).value(), rank.size());
                }
                requireRanked(entities, entity, rank, rule);
                requireRanked(catalog, catalogColumn, rank, rule);
            }
            int n = productOf.length;
            double[] numbers = new double[n];
            String[] texts = new String[n];
            for (int a = 0; a < n; a++) {
                int row = catalogRowOfProduct[productOf[a]];
                texts[a] = catalogColumn.format(row);
                numbers[a] = value(catalogColumn, row, rank);
            }
            return new Comparison(rule, entity, numbers, texts, rank);
        }

        /** Every value of {@code column} must be in the ORDER list, or the rule cannot rank it. */
        private static void requireRanked(Table table, Column column, Map<String, Integer> rank,
                                          OfferRule.Eligible rule) {
            for (int r = 0; r < column.size(); r++) {
                String v = column.format(r);
                if (v != null && !rank.containsKey(v)) {
                    throw new SchemaException(table.name() + "." + column.name() + " has the value '" + v + "' (row "
                            + (r + 1) + "), which is not in the ORDER list of " + rule.render(),
                            "list every value of " + column.name() + " after ORDER, lowest first"
                                    + DidYouMean.suffix(v, new ArrayList<>(rank.keySet())));
                }
            }
        }

        /** A number, a timestamp, or a category's rank; NaN for null or a text compared as text. */
        private static double value(Column c, int row, Map<String, Integer> rank) {
            if (c.isNull(row)) {
                return Double.NaN;
            }
            if (rank != null) {
                return rank.get(c.format(row));
            }
            if (c instanceof DoubleColumn d) {
                return d.get(row);
            }
            return c instanceof LongColumn l ? l.get(row) : Double.NaN;
        }

        boolean holds(int entityRow, int action) {
            if (entity.isNull(entityRow) || catalogText[action] == null) {
                return false; // a comparison with a null is false, as in every PQL condition
            }
            boolean numeric = rank != null || !(entity instanceof org.relgraph.table.CategoricalColumn);
            if (numeric) {
                double mine = value(entity, entityRow, rank);
                return rule.op().holds(Double.compare(mine, catalogNumber[action]));
            }
            return rule.op().holds(entity.format(entityRow).equals(catalogText[action]) ? 0 : 1);
        }
    }
}

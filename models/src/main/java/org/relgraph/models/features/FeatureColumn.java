package org.relgraph.models.features;

import java.util.List;

/**
 * One column of a {@link FeatureMatrix}, with what its values are read from, so that an input can be masked on the
 * matrix itself ({@link FeatureMatrix#masked}) instead of recomputing every feature from a masked database.
 *
 * @param name             readable and unique, e.g. {@code transactions.amount.sum_30d}
 * @param path             where the values come from: the entity table, or the related tables joined, e.g.
 *                         {@code product_holdings>product_catalog}
 * @param hops             0 for the entity's own columns, else the foreign-key hops from the entity table
 * @param statistic        e.g. {@code value}, {@code count}, {@code sum}, {@code days_since_last}
 * @param windowDays       the trailing window in days, or 0 for all history (and for entity columns)
 * @param tables           the tables whose rows the values aggregate (every table the path joins); empty for the
 *                         entity's own columns and for constants such as an action's codes
 * @param entityColumns    the entity table's columns the values are read from: the column itself for an entity
 *                         feature, the measured columns for an aggregate over rows of the entity table (a transfer's
 *                         other party)
 * @param valueWithoutRows the value when nothing is left to read (no row of {@code tables} reaches the example, or
 *                         a column of {@code entityColumns} is null): 0 for counts and sums, NaN (missing) otherwise
 */
public record FeatureColumn(String name, String path, int hops, String statistic, int windowDays,
                            List<String> tables, List<String> entityColumns, float valueWithoutRows) {
    public FeatureColumn {
        tables = List.copyOf(tables);
        entityColumns = List.copyOf(entityColumns);
    }

    /** A column no table's rows and no entity column feed (e.g. an action's component code): no mask changes it. */
    public FeatureColumn(String name, String path, int hops, String statistic, int windowDays) {
        this(name, path, hops, statistic, windowDays, List.of(), List.of(), Float.NaN);
    }

    /** What this column holds under {@code mask}: {@code valueWithoutRows}, or null for its own values. */
    Float maskedValue(InputMask mask) {
        for (String c : entityColumns) {
            if (mask.hidesEntityColumn(c)) {
                return valueWithoutRows;
            }
        }
        for (String t : tables) {
            if (mask.hidesTable(t)) {
                return valueWithoutRows;
            }
        }
        return null;
    }
}

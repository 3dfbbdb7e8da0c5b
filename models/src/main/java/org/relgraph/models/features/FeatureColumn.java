package org.relgraph.models.features;

/**
 * One column of a {@link FeatureMatrix}.
 *
 * @param name       readable and unique, e.g. {@code transactions.amount.sum_30d}
 * @param path       where the values come from: the entity table, or the related tables joined, e.g.
 *                   {@code product_holdings>product_catalog}
 * @param hops       0 for the entity's own columns, else the foreign-key hops from the entity table
 * @param statistic  e.g. {@code value}, {@code count}, {@code sum}, {@code days_since_last}
 * @param windowDays the trailing window in days, or 0 for all history (and for entity columns)
 */
public record FeatureColumn(String name, String path, int hops, String statistic, int windowDays) {
}

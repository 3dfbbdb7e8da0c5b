/**
 * Point-in-time feature engineering for flat-table baselines: the entity row's own columns plus windowed
 * aggregates of the rows reachable within two foreign-key hops, computed in embedded DuckDB from rows whose time is
 * at or before each example's anchor (and before an optional global cutoff), never after.
 */
package org.relgraph.models.features;

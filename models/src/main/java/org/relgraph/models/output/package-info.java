/**
 * Business outputs of a prediction run: the generic {@link org.relgraph.models.output.ScoreTable}, writers that
 * publish it all-or-nothing ({@link org.relgraph.models.output.ScoreOutputs#open}: CSV, Parquet and JSON Lines
 * files via DuckDB with temp-file-and-rename; PostgreSQL tables replaced per as-of date in one transaction), and
 * {@link org.relgraph.models.output.TerminalTable} for showing the top rows.
 */
package org.relgraph.models.output;

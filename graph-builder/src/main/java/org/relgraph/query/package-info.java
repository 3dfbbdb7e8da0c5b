/**
 * Predictive queries: one PQL sentence describes a prediction task, and this package turns it into labelled
 * training tables.
 * <pre>
 * PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 6, months)
 * FOR EACH CUSTOMERS.CUSTOMER_ID WHERE PRODUCT_HOLDINGS.PRODUCT != 'Mortgage'
 * </pre>
 * Pipeline:
 * <ol>
 *   <li>{@link org.relgraph.query.QueryLexer} → {@link org.relgraph.query.QueryParser}: text to a
 *       {@link org.relgraph.query.ParsedQuery} (grammar on the parser);</li>
 *   <li>{@link org.relgraph.query.PredictiveQuery#parse}: checks names and types against a schema, links the
 *       target table to the entity table, infers the {@link org.relgraph.query.TaskType}; semantics of filters
 *       are documented on {@link org.relgraph.query.PredictiveQuery};</li>
 *   <li>{@link org.relgraph.query.SplitPlanner}: RelBench-style anchor times for train/val/test, one anchor per
 *       evaluation split or RelBench's many;</li>
 *   <li>{@link org.relgraph.query.TrainingTableBuilder}: per anchor, the entities and their labels, computed only
 *       from rows after the anchor (and the population, when the filter holds a window ending after it);</li>
 *   <li>{@link org.relgraph.query.TrainingTableWriter}: the tables as CSV or Parquet.</li>
 * </ol>
 * Every user mistake in a query is a {@link org.relgraph.query.QueryException} with line, column, a caret under
 * the offending token and a hint.
 */
package org.relgraph.query;

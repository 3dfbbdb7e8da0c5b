/**
 * The relgraph library: everything the command line does, as calls a Java application can make. The CLI's
 * commands are a thin shell over these classes (options → call → print).
 *
 * <p>The data flow and the entry class of each step:
 * <pre>
 *   source ──► graph ──► query + splits ──► batches ──► model ──► scores ──► reasons
 *   Sources    (Database, Task              (inside     Training  Scoring    Explanations
 *               the graph                    Training)  ModelLoader          (Evaluation: metrics
 *               built per model)                                              on a split)
 * </pre>
 *
 * <ul>
 *   <li>{@link org.relgraph.models.api.Sources}: open and load a folder, a PostgreSQL database or a bundled
 *       dataset;</li>
 *   <li>{@link org.relgraph.models.api.Task}: bind a predictive query to the data and build its leakage-free
 *       train/val/test tables;</li>
 *   <li>{@link org.relgraph.models.api.Training}: train the GNN (the heterogeneous temporal graph and its batches
 *       are built inside); save it with {@code EntityModel.save}, load any bundle with
 *       {@link org.relgraph.models.ModelLoader#load};</li>
 *   <li>{@link org.relgraph.models.api.Evaluation}: a model's metrics on its train, val or test table;</li>
 *   <li>{@link org.relgraph.models.api.Scoring}: the ranked score table as of a date, with tiers or next best
 *       actions;</li>
 *   <li>{@link org.relgraph.models.api.Explanations}: the reasons behind each entity's score.</li>
 * </ul>
 *
 * <p>Errors in what the caller passed (an unknown column in the query, an unknown entity key, a bundle that cannot
 * be explained) are {@link org.relgraph.schema.SchemaException}s with a message and a hint.
 */
package org.relgraph.models.api;

/**
 * Attribution of one prediction to the model's inputs with integrated gradients.
 *
 * <p>{@link org.relgraph.gnn.explain.IntegratedGradients} explains one seed's prediction over its sampled subgraph:
 * every sampled node's numeric and relative-time features and every categorical column get a share of
 * {@code f(input) - f(baseline)}, the baseline being {@link org.relgraph.gnn.explain.AttributionBaseline}'s neutral
 * inputs. The shares come back as an {@link org.relgraph.gnn.explain.Explanation}, with the completeness delta
 * that says how well the path integral was approximated.
 */
package org.relgraph.gnn.explain;

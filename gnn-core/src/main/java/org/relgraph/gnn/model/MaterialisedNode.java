package org.relgraph.gnn.model;

/**
 * One row of a materialised neighbourhood (what the Spark {@code neighbourhoods} job stores per seed): a table row
 * reached at {@code hop} from its seed by walking relation {@code edge} from a parent row. Rows are numbered as the
 * rows of the tables a {@link MaterialisedBatches} is bound to.
 *
 * @param time        the row's time (epoch ms), or null for a row of a static table
 * @param edge        the relation walked from the parent (an {@code EdgeType} relation, e.g. {@code customer_id} or
 *                    {@code rev_customer_id}); null at hop 0
 * @param parentTable null at hop 0
 * @param parentRow   ignored at hop 0
 * @param copies      how many nodes of the sampler's tree this row stands for: one per node of the parent row at
 *                    hop - 1 (a row's expansion depends only on the row and the seed time)
 */
public record MaterialisedNode(int hop, String table, int row, Long time, String edge, String parentTable,
                               int parentRow, int copies) {
}

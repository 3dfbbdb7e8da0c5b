package org.relgraph.gnn.model;

import java.util.List;

/**
 * A seed and its materialised neighbourhood.
 *
 * @param row        the seed's row in the entity table (numbered as the bound tables' rows)
 * @param sampleTime the time its inputs are seen as of (epoch ms): what the in-memory assembler's seed time is
 * @param nodes      every row of its neighbourhood, the seed itself at hop 0 included, in any order
 */
public record MaterialisedSeed(int row, long sampleTime, List<MaterialisedNode> nodes) {
}

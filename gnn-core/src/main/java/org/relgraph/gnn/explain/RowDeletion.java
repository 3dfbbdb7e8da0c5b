package org.relgraph.gnn.explain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;
import org.relgraph.gnn.nn.HopPrefixes;

/**
 * A subgraph with some sampled rows deleted, for checking explanations against the model: a deleted node keeps its
 * slot (so indices stay valid) but loses every edge, so no message reaches the seed from it or through it, exactly
 * as if the row were not in the data. Edge types left without edges are dropped, as the batch assembler does.
 */
public final class RowDeletion {
    private RowDeletion() {
    }

    /** @param deleted per node type, the local indices of the nodes to delete */
    public static GraphBatch without(GraphBatch batch, Map<String, Set<Integer>> deleted) {
        Map<EdgeKey, EdgeIndex> edges = new LinkedHashMap<>();
        Map<EdgeKey, int[]> edgeHopEnds = new LinkedHashMap<>();
        for (Map.Entry<EdgeKey, EdgeIndex> entry : batch.edges().entrySet()) {
            Set<Integer> src = deleted.getOrDefault(entry.getKey().srcType(), Set.of());
            Set<Integer> dst = deleted.getOrDefault(entry.getKey().dstType(), Set.of());
            EdgeIndex e = entry.getValue();
            int kept = 0;
            int[] keptSrc = new int[e.numEdges()];
            int[] keptDst = new int[e.numEdges()];
            // Kept edges stay in order, so the hop prefixes only shrink: count the kept edges before each end.
            int[] ends = batch.hopPrefixes() == null ? null : batch.hopPrefixes().edgeDstHopEnds().get(entry.getKey());
            int[] keptEnds = ends == null ? null : new int[ends.length];
            for (int i = 0; i < e.numEdges(); i++) {
                if (keptEnds != null) {
                    for (int d = 0; d < ends.length; d++) {
                        if (ends[d] == i) {
                            keptEnds[d] = kept;
                        }
                    }
                }
                if (!src.contains(e.src()[i]) && !dst.contains(e.dst()[i])) {
                    keptSrc[kept] = e.src()[i];
                    keptDst[kept] = e.dst()[i];
                    kept++;
                }
            }
            if (keptEnds != null) {
                for (int d = 0; d < ends.length; d++) {
                    if (ends[d] == e.numEdges()) {
                        keptEnds[d] = kept;
                    }
                }
            }
            if (kept > 0) {
                edges.put(entry.getKey(), new EdgeIndex(java.util.Arrays.copyOf(keptSrc, kept),
                        java.util.Arrays.copyOf(keptDst, kept)));
                if (keptEnds != null) {
                    edgeHopEnds.put(entry.getKey(), keptEnds);
                }
            }
        }
        HopPrefixes prefixes = batch.hopPrefixes() == null ? null
                : new HopPrefixes(batch.hopPrefixes().nodeHopEnds(), edgeHopEnds);
        return new GraphBatch(batch.seedType(), batch.seedCount(), batch.nodes(), edges, prefixes,
                batch.actionFeatures());
    }
}

package org.relgraph.models.rank;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.model.ActionFeatures;
import org.relgraph.gnn.model.SampledBatch;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;
import org.relgraph.query.Conditions;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.RowPredicate;
import org.relgraph.query.Target;
import org.relgraph.table.Table;

/**
 * Per (seed, candidate action), what the seed's own sampled history says about that action: over the rows of the
 * ARGMAX target table sampled one hop from the seed (e.g. its most recent offers), {@code log(1 + count)} of those
 * that took exactly this action, and for each action component (offer, channel) of those that share the action's
 * value, each split by whether the query's condition held (accepted) or not — {@code 2·(1 + components)} features.
 * These are the flat ranker's "accepted through this channel before" rows, handed to the scorer per action, which a
 * GNN embedding of the seed can only carry summed over actions.
 *
 * <p>Only sampled rows are read, so the features see what the GNN sees: the sampler's rows before the seed's input
 * time, never the label window.
 */
public final class SeedActionHistory implements ActionFeatures {
    private final String targetType;
    private final String entityType;
    private final int[] actionOfRow;
    private final boolean[] conditionOfRow;
    private final int[][] codes;
    private final int actions;
    private final int components;

    /**
     * @param targetType the graph's node type of the query's target table
     * @param entityType the graph's node type of the seeds
     */
    public SeedActionHistory(PredictiveQuery query, ActionSpace space, Table target, String targetType,
                             String entityType) {
        if (!(query.target() instanceof Target.ArgMax argMax)) {
            throw new IllegalArgumentException("action history needs an ARGMAX query");
        }
        this.targetType = targetType;
        this.entityType = entityType;
        ActionSpace.Lookup lookup = space.lookup(target);
        RowPredicate condition = Conditions.compile(target, argMax.condition());
        actionOfRow = new int[target.rowCount()];
        conditionOfRow = new boolean[target.rowCount()];
        for (int r = 0; r < actionOfRow.length; r++) {
            actionOfRow[r] = lookup.actionOf(r);
            conditionOfRow[r] = condition.test(r);
        }
        codes = space.codes();
        actions = space.size();
        components = space.columns().size();
    }

    @Override
    public int width() {
        return 2 * (1 + components);
    }

    @Override
    public INDArray compute(SampledBatch sampled) {
        int n = sampled.batch().seedCount();
        int w = width();
        float[] f = new float[n * actions * w];
        int[] rows = sampled.globalRows().get(targetType);
        if (rows != null) {
            Set<Long> seen = new HashSet<>();
            for (Map.Entry<EdgeKey, EdgeIndex> e : sampled.batch().edges().entrySet()) {
                EdgeKey key = e.getKey();
                boolean toSeed = key.srcType().equals(targetType) && key.dstType().equals(entityType);
                boolean fromSeed = key.srcType().equals(entityType) && key.dstType().equals(targetType);
                if (!toSeed && !fromSeed) {
                    continue;
                }
                int[] seedSide = toSeed ? e.getValue().dst() : e.getValue().src();
                int[] rowSide = toSeed ? e.getValue().src() : e.getValue().dst();
                for (int k = 0; k < seedSide.length; k++) {
                    int seed = seedSide[k];
                    if (seed >= n || !seen.add((long) seed * rows.length + rowSide[k])) {
                        continue;
                    }
                    int row = rows[rowSide[k]];
                    int b = actionOfRow[row];
                    if (b < 0) {
                        continue;
                    }
                    int outcome = conditionOfRow[row] ? 0 : 1;
                    for (int a = 0; a < actions; a++) {
                        int base = (seed * actions + a) * w;
                        if (a == b) {
                            f[base + outcome]++;
                        }
                        for (int c = 0; c < components; c++) {
                            if (codes[a][c] == codes[b][c]) {
                                f[base + 2 + 2 * c + outcome]++;
                            }
                        }
                    }
                }
            }
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) Math.log1p(f[i]);
        }
        return Nd4j.create(f, new long[] {(long) n * actions, w}, 'c').castTo(DataType.FLOAT);
    }
}

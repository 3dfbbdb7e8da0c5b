package org.relgraph.models.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.explain.EdgeExplanation;
import org.relgraph.gnn.explain.IntegratedGradients;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.DifferentiableGnn;
import org.relgraph.gnn.model.SampledBatch;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

/**
 * Explains single entities of a trained GNN: samples the entity's subgraph as of a time exactly as scoring does
 * and hands it to a {@link SeedExplainer} (integrated gradients on the requested output, grouped into reasons).
 * Not thread-safe (the model caches activations).
 */
public final class EntityExplainer {
    private final Database db;
    private final String entityType;
    private final BatchAssembler assembler;
    private final IntegratedGradients ig;
    private final SeedExplainer seeds;
    private final int steps;

    public EntityExplainer(Database db, DatabaseEncoding encoding, DifferentiableGnn model,
                           BatchAssembler assembler, String keyColumn, int steps) {
        this.db = db;
        this.entityType = model.seedType();
        this.assembler = assembler;
        this.ig = new IntegratedGradients(model);
        this.seeds = new SeedExplainer(db, assembler.graph(), encoding, model, keyColumn, steps);
        this.steps = steps;
    }

    /** Names the model's features of the explained output (a ranker's history with the action) in reasons. */
    public EntityExplainer withActionFeatures(ActionFeatureDescriber describer) {
        seeds.withActionFeatures(describer);
        return this;
    }

    /** Names the entity's label-history inputs in reasons; for a model that reads them. */
    public EntityExplainer withLabelHistory(org.relgraph.query.LabelHistory history) {
        seeds.withLabelHistory(history);
        return this;
    }

    public int steps() {
        return steps;
    }

    /**
     * @param row         the entity's row in its table
     * @param outputIndex the model output column to explain
     * @param outputName  what that column is, for the reader
     * @param score       the score the user sees for this entity
     * @param top         reasons to keep (all when not positive)
     */
    public EntityExplanation explain(int row, long asOfMs, int outputIndex, String outputName, double score,
                                     int top) {
        return seeds.explain(assembler.assembleWithRows(new int[] {row}, new long[] {asOfMs}), row, asOfMs,
                outputIndex, outputName, score, top);
    }

    /**
     * The {@code k} related rows whose connection moved the output most (by |attribution|), from
     * {@link IntegratedGradients#explainEdges}: a second path integral, so this doubles the cost of an explanation.
     * The entity's own row, when sampled again through a neighbour, is not a related row and is left out.
     */
    public List<RowCredit> rowCredits(int row, long asOfMs, int outputIndex, int k) {
        SampledBatch seed = assembler.assembleWithRows(new int[] {row}, new long[] {asOfMs});
        EdgeExplanation e = ig.explainEdges(seed, steps, outputIndex);
        Map<RowRef, Double> byRow = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> type : seed.globalRows().entrySet()) {
            int[] rows = type.getValue();
            double[] credit = e.outgoing(type.getKey(), rows.length);
            for (int i = 0; i < rows.length; i++) {
                if (type.getKey().equals(entityType) && rows[i] == row) {
                    continue;
                }
                byRow.merge(new RowRef(type.getKey(), rows[i]), credit[i], Double::sum);
            }
        }
        double total = byRow.values().stream().mapToDouble(Math::abs).sum();
        List<RowCredit> out = new ArrayList<>();
        byRow.entrySet().stream()
                .filter(c -> c.getValue() != 0)
                .sorted(Comparator.comparingDouble((Map.Entry<RowRef, Double> c) -> -Math.abs(c.getValue()))
                        .thenComparing(c -> c.getKey().type()).thenComparingInt(c -> c.getKey().row()))
                .limit(Math.max(0, k))
                .forEach(c -> {
                    Table table = db.table(c.getKey().type());
                    int r = c.getKey().row();
                    String when = when(table, r, asOfMs);
                    String what = what(table, r);
                    out.add(new RowCredit(c.getKey().type(), key(table, r),
                            what.isEmpty() ? when : when.isEmpty() ? what : what + ", " + when, c.getValue(),
                            Math.abs(c.getValue()) / total));
                });
        return out;
    }

    private record RowRef(String type, int row) {
    }

    private static String key(Table table, int row) {
        String pk = table.schema().primaryKey();
        return pk == null ? "row " + row : table.requireColumn(pk).format(row);
    }

    /** The row's first categorical value, e.g. {@code merchant_category = 'real estate'}: what the row is. */
    private static String what(Table table, int row) {
        return table.schema().columns().stream()
                .filter(c -> c.type() == org.relgraph.schema.SemanticType.CATEGORICAL)
                .findFirst()
                .filter(c -> !table.requireColumn(c.name()).isNull(row))
                .map(c -> c.name() + " = '" + table.requireColumn(c.name()).format(row) + "'")
                .orElse("");
    }

    private static String when(Table table, int row, long asOfMs) {
        return table.timeColumn().filter(t -> !t.isNull(row))
                .map(t -> java.time.Instant.ofEpochMilli(t.get(row)).atZone(java.time.ZoneOffset.UTC).toLocalDate()
                        + ", " + ReasonGrouper.duration(asOfMs - t.get(row)) + " before")
                .orElse("");
    }
}

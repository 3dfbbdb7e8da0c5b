package org.relgraph.models.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.relgraph.gnn.explain.IntegratedGradients;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.EntityModel;
import org.relgraph.models.baseline.BaselineModel;
import org.relgraph.models.bundle.BundleFolder;
import org.relgraph.models.bundle.BundleManifest;
import org.relgraph.models.bundle.Provenance;
import org.relgraph.models.bundle.SplitAnchors;
import org.relgraph.models.explain.EntityExplanation;
import org.relgraph.models.explain.ExplainableModel;
import org.relgraph.models.explain.RowCredit;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingTable;
import org.relgraph.table.Database;

/**
 * A model whose output is a weighted average of its members' calibrated outputs (binary: probabilities;
 * regression: predictions; multiclass: class probabilities, then the most likely class): a seed ensemble
 * ({@code gnn-ensemble}, equal weights) or a GNN + flat XGBoost blend ({@code gnn-xgb-blend}). Member 1 is always a
 * GNN, whose head gives the task's classes and metrics.
 *
 * <p>One bundle: {@code bundle.json} names the member folders and their weights, each member folder is an ordinary
 * bundle with its own checksums. Members are opened one after another while scoring, sharing one graph, so an
 * ensemble of k GNNs never holds k graphs.
 */
public final class AveragedModel implements ExplainableModel {
    static final String MEMBERS = "members";
    static final String WEIGHTS = "weights";
    static final String INPUT_HOPS = "inputHops";

    private final String kind;
    private final boolean explains;
    private final Database db;
    private final PredictiveQuery query;
    private final List<String> names;
    private final List<EnsembleMember> members;
    /** One per member, or null for the plain mean (summed, then divided by k: exactly the mean). */
    private final double[] weights;
    private final Map<String, Double> metrics;
    private final Provenance provenance;
    private final SplitAnchors splits;
    private final int inputHops;
    private final Map<String, Object> fields;
    private final List<String> notes;
    private final String summary;
    private PredictionHead head;
    private HeteroGraph graph;

    AveragedModel(String kind, boolean explains, Database db, PredictiveQuery query, List<String> names,
                  List<EnsembleMember> members, double[] weights, PredictionHead head, Map<String, Double> metrics,
                  Provenance provenance, SplitAnchors splits, int inputHops, Map<String, Object> fields,
                  List<String> notes, String summary) {
        this.kind = kind;
        this.explains = explains;
        this.db = db;
        this.query = query;
        this.names = List.copyOf(names);
        this.members = List.copyOf(members);
        this.weights = weights == null ? null : weights.clone();
        this.head = head;
        this.metrics = new LinkedHashMap<>(metrics);
        this.provenance = provenance;
        this.splits = splits;
        this.inputHops = inputHops;
        this.fields = new LinkedHashMap<>(fields);
        this.notes = List.copyOf(notes);
        this.summary = summary;
    }

    /**
     * Reads a bundle of {@code kind} (checksums verified; each member's are verified when it is opened).
     *
     * @param retrain how a user gets a new bundle of the kind, for the hint of a damaged one
     */
    static AveragedModel load(Path dir, Database db, String kind, boolean explains, String retrain)
            throws IOException {
        BundleManifest m = BundleFolder.read(dir, List.of(), retrain);
        String[] names;
        double[] weights;
        Integer hops;
        try {
            names = m.kindField(MEMBERS, String[].class);
            weights = m.kindField(WEIGHTS, double[].class);
            hops = m.kindField(INPUT_HOPS, Integer.class);
        } catch (IllegalArgumentException e) {
            throw BundleFolder.damaged(dir, e.getMessage(), retrain);
        }
        if (names == null || names.length == 0 || (weights != null && weights.length != names.length)) {
            throw BundleFolder.damaged(dir, BundleFolder.MANIFEST_FILE + " does not list its members and their "
                    + "weights", retrain);
        }
        List<EnsembleMember> members = new ArrayList<>();
        for (String name : names) {
            // A name is one plain folder name: the manifest must not point outside the bundle.
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.contains("..")
                    || !Files.isDirectory(dir.resolve(name))) {
                throw BundleFolder.damaged(dir, "its member folder '" + name + "' is missing", retrain);
            }
            members.add(EnsembleMember.stored(dir.resolve(name)));
        }
        PredictiveQuery query = PredictiveQuery.parse(m.query(), db.schema());
        Map<String, Object> fields = new LinkedHashMap<>();
        m.kindFields().forEach((k, v) -> {
            if (!k.equals(MEMBERS) && !k.equals(WEIGHTS) && !k.equals(INPUT_HOPS)) {
                fields.put(k, v);
            }
        });
        return new AveragedModel(kind, explains, db, query, List.of(names), members, weights, null, m.metrics(),
                m.provenance(), m.splits(), hops == null ? 0 : hops, fields, List.of(), "");
    }

    /**
     * The weighted average of member outputs, added one member at a time so only the running sum is held.
     */
    static final class Average {
        private final double[] weights;
        private final int k;
        private double[][] sum;

        /** @param weights one per member, or null for the plain mean of {@code k} */
        Average(double[] weights, int k) {
            this.weights = weights;
            this.k = k;
        }

        void add(int member, double[][] out) {
            double w = weights == null ? 1 : weights[member];
            if (sum == null) {
                sum = new double[out.length][];
                for (int i = 0; i < out.length; i++) {
                    sum[i] = out[i].clone();
                    if (weights != null) {
                        for (int c = 0; c < sum[i].length; c++) {
                            sum[i][c] *= w;
                        }
                    }
                }
                return;
            }
            for (int i = 0; i < out.length; i++) {
                for (int c = 0; c < out[i].length; c++) {
                    sum[i][c] += weights == null ? out[i][c] : w * out[i][c];
                }
            }
        }

        double[][] result() {
            if (weights == null && k > 1) {
                for (double[] row : sum) {
                    for (int c = 0; c < row.length; c++) {
                        row[c] /= k;
                    }
                }
            }
            return sum;
        }
    }

    /** {@code values} as a one-column output matrix. */
    static double[][] column(double[] values) {
        double[][] out = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = new double[] {values[i]};
        }
        return out;
    }

    /** A member's calibrated outputs on every example of {@code table}, in its order. */
    static double[][] outputsOn(EntityModel member, TrainingTable table) {
        if (member instanceof GnnPredictor g) {
            return g.outputs(table);
        }
        if (member instanceof BaselineModel b) {
            return column(b.predict(table));
        }
        throw new IllegalStateException("an ensemble member of kind " + member.kind() + " cannot be averaged");
    }

    /** The labels of {@code table}, in its order. */
    static double[] labels(TrainingTable table) {
        double[] y = new double[table.size()];
        Arrays.setAll(y, table::label);
        return y;
    }

    /** Opens member {@code j} (sharing the first member's graph), applies {@code f}, and gives the member back. */
    private <T> T withMember(int j, Function<EntityModel, T> f) {
        EnsembleMember member = members.get(j);
        EntityModel m;
        try {
            m = member.open(db, graph);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ensemble member " + names.get(j) + ": " + e.getMessage(), e);
        }
        try {
            if (graph == null) {
                graph = m.sampledGraph().orElse(null);
            }
            if (head == null && m instanceof GnnPredictor g) {
                head = g.head();
            }
            return f.apply(m);
        } finally {
            member.release(m);
        }
    }

    /** The averaged outputs on {@code rows} as of {@code asOfMs}; {@code scored} hears the members' progress as one. */
    private double[][] averagedOutputs(int[] rows, long asOfMs, IntConsumer scored) {
        int k = members.size();
        Average avg = new Average(weights, k);
        scored.accept(0);
        for (int j = 0; j < k; j++) {
            int member = j;
            IntConsumer mine = done -> scored.accept((int) (((long) member * rows.length + done) / k));
            avg.add(j, withMember(j, m -> m instanceof GnnPredictor g && g.head().taskType() == TaskType.MULTICLASS
                    ? g.classProbabilities(rows, asOfMs, mine) : column(m.score(rows, asOfMs, mine))));
        }
        scored.accept(rows.length);
        return avg.result();
    }

    @Override
    public double[] score(int[] entityRows, long asOfMs) {
        return score(entityRows, asOfMs, done -> { });
    }

    @Override
    public double[] score(int[] entityRows, long asOfMs, IntConsumer scored) {
        double[][] avg = averagedOutputs(entityRows, asOfMs, scored);
        double[] out = new double[avg.length];
        for (int i = 0; i < avg.length; i++) {
            out[i] = head.taskType() == TaskType.MULTICLASS ? head.classes()[argmax(avg[i])] : avg[i][0];
        }
        return out;
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            best = row[c] > row[best] ? c : best;
        }
        return best;
    }

    @Override
    public Map<String, Double> evaluate(TrainingTable table) {
        if (table.size() == 0) {
            return Map.of("count", 0.0);
        }
        Average avg = new Average(weights, members.size());
        for (int j = 0; j < members.size(); j++) {
            avg.add(j, withMember(j, m -> outputsOn(m, table)));
        }
        return GnnPredictor.metrics(head, labels(table), avg.result());
    }

    @Override
    public Optional<ExplainableModel> asExplainable() {
        return explains ? Optional.of(this) : Optional.empty();
    }

    /**
     * Averages the members' integrated-gradients attributions, weighted as their outputs are. Integrated gradients
     * is linear in the model, so the average is exactly the attribution of the members' averaged raw output (the
     * mean logit for binary and multiclass — the class the ensemble predicts — the mean prediction for
     * regression) from the averaged baseline: for regression that is the ensemble's score, for binary a monotone
     * stand-in for it (the score averages calibrated probabilities, not logits).
     */
    @Override
    public List<EntityExplanation> explain(int[] entityRows, long asOfMs, int top, IntConsumer progress) {
        double[][] avg = averagedOutputs(entityRows, asOfMs, done -> { });
        double[] scores = new double[avg.length];
        int[] explained = new int[avg.length];
        boolean multiclass = head.taskType() == TaskType.MULTICLASS;
        for (int i = 0; i < avg.length; i++) {
            explained[i] = multiclass ? argmax(avg[i]) : 0;
            scores[i] = multiclass ? head.classes()[explained[i]] : avg[i][0];
        }
        int k = members.size();
        int n = entityRows.length;
        List<List<EntityExplanation>> perMember = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            int member = j;
            perMember.add(withMember(j, m -> ((GnnPredictor) m).explain(entityRows, asOfMs, explained, scores, 0,
                    IntegratedGradients.DEFAULT_STEPS, done -> progress.accept((member * n + done) / k))));
        }
        List<EntityExplanation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int entity = i;
            out.add(AveragedExplanations.average(perMember.stream().map(l -> l.get(entity)).toList(),
                    memberWeights(), k, top));
        }
        progress.accept(n);
        return out;
    }

    @Override
    public List<List<RowCredit>> explainRows(int[] entityRows, long asOfMs, int top) {
        double[][] avg = averagedOutputs(entityRows, asOfMs, done -> { });
        int[] explained = new int[avg.length];
        for (int i = 0; i < avg.length; i++) {
            explained[i] = head.taskType() == TaskType.MULTICLASS ? argmax(avg[i]) : 0;
        }
        List<List<List<RowCredit>>> perMember = new ArrayList<>();
        for (int j = 0; j < members.size(); j++) {
            perMember.add(withMember(j, m -> ((GnnPredictor) m).explainRows(entityRows, asOfMs, explained,
                    Integer.MAX_VALUE)));
        }
        List<List<RowCredit>> out = new ArrayList<>();
        for (int i = 0; i < entityRows.length; i++) {
            int entity = i;
            out.add(AveragedExplanations.averageRows(perMember.stream().map(l -> l.get(entity)).toList(),
                    memberWeights(), top));
        }
        return out;
    }

    /** The weights as numbers, 1/k each for the plain mean. */
    private double[] memberWeights() {
        if (weights != null) {
            return weights.clone();
        }
        double[] w = new double[members.size()];
        Arrays.fill(w, 1.0 / members.size());
        return w;
    }

    @Override
    public void save(Path dir, ReplacePolicy replace) throws IOException {
        BundleManifest manifest = BundleManifest.of(kind, query, db, metrics, provenance, splits, null)
                .withKindField(MEMBERS, names).withKindField(WEIGHTS, weights).withKindField(INPUT_HOPS, inputHops);
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            manifest = manifest.withKindField(f.getKey(), f.getValue());
        }
        BundleFolder.write(dir, kind + " model bundle", manifest, replace, tmp -> {
            for (int j = 0; j < members.size(); j++) {
                members.get(j).saveInto(tmp.resolve(names.get(j)));
            }
        });
    }

    /** The member folders' names, in order ({@code member-1}, …; {@code gnn}, {@code flat-xgboost}). */
    public List<String> memberNames() {
        return names;
    }

    /** The weight of each member, 1/k each for a seed ensemble. */
    public double[] weights() {
        return memberWeights();
    }

    @Override
    public List<String> unknownCategoryNotes() {
        return withMember(0, EntityModel::unknownCategoryNotes);
    }

    @Override
    public String trainedSummary() {
        return summary;
    }

    @Override
    public List<String> trainingNotes() {
        return notes;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public PredictiveQuery query() {
        return query;
    }

    @Override
    public SplitAnchors splitAnchors() {
        return splits;
    }

    @Override
    public Map<String, Double> metrics() {
        return java.util.Collections.unmodifiableMap(metrics);
    }

    @Override
    public void recordMetrics(Map<String, Double> measured) {
        metrics.putAll(measured);
    }

    @Override
    public Optional<HeteroGraph> sampledGraph() {
        if (graph == null) {
            withMember(0, m -> null);
        }
        return Optional.ofNullable(graph);
    }

    @Override
    public int inputHops() {
        return inputHops;
    }

    @Override
    public void close() {
        members.forEach(EnsembleMember::close);
    }
}

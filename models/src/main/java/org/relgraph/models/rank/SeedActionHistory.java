package org.relgraph.models.rank;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.model.ActionFeatures;
import org.relgraph.gnn.model.SampledBatch;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;
import org.relgraph.models.explain.ActionFeatureDescriber;
import org.relgraph.models.explain.ActionFeatureGroup;
import org.relgraph.query.CompareOp;
import org.relgraph.query.Expr;
import org.relgraph.query.Literal;
import org.relgraph.query.Conditions;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.RowPredicate;
import org.relgraph.query.Target;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

/**
 * Per (seed, candidate action), what the seed's own sampled history says about that action: over the rows of the
 * ARGMAX target table sampled one hop from the seed (e.g. its most recent offers), {@code log(1 + count)} of those
 * that took exactly this action, and for each action component (offer, channel) of those that share the action's
 * value, each split by whether the query's condition held (accepted) or not — {@code 2·(1 + components)} features;
 * optionally also, per table linked to the seed whose categorical column names an action component (a holding of
 * the offered product), how many of the seed's sampled rows name this action's value.
 * These are the flat ranker's "accepted through this channel before" rows, handed to the scorer per action, which a
 * GNN embedding of the seed can only carry summed over actions.
 *
 * <p>Only sampled rows are read, so the features see what the GNN sees: the sampler's rows before the seed's input
 * time, never the label window.
 */
public final class SeedActionHistory implements ActionFeatures, ActionFeatureDescriber {
    private final String targetType;
    private final String entityType;
    private final int[] actionOfRow;
    private final boolean[] conditionOfRow;
    private final int[][] codes;
    private final int actions;
    private final int components;
    private final List<Matcher> matchers = new ArrayList<>();
    /**
     * LIST_DISTINCT: one feature, {@code log(1 + n)} with n the seed's sampled target rows that reference the
     * candidate parent row (its own history with that item: the signal collaborative filtering's "own" score reads).
     */
    private final boolean listDistinct;
    private final String targetTable;
    private final List<String> componentNames;
    private final List<List<String>> actionValues;
    private final String conditionHeld; // e.g. "accepted"

    /**
     * A categorical column of a table linked to the seeds whose values name action components, e.g.
     * PRODUCT_HOLDINGS.PRODUCT naming the offer: per row, the component code its value names, or -1.
     */
    private record Matcher(String type, String column, int component, int[] codeOfRow) {
    }

    /**
     * @param targetType the graph's node type of the query's target table
     * @param entityType the graph's node type of the seeds
     */
    public SeedActionHistory(PredictiveQuery query, ActionSpace space, Table target, String targetType,
                             String entityType) {
        this(query, space, target, targetType, entityType, null, List.of());
    }

    /**
     * Also counts, per action, the seed's sampled rows of other tables linked to it (an edge type in
     * {@code edgeTypes} between the table and {@code entityType}) whose categorical value names the action's
     * component — e.g. a holding of the product an action offers — one feature per such (table, column, component).
     */
    public SeedActionHistory(PredictiveQuery query, ActionSpace space, Table target, String targetType,
                             String entityType, Database db, List<EdgeKey> edgeTypes) {
        this.listDistinct = query.target() instanceof Target.ListDistinct;
        if (!(query.target() instanceof Target.ArgMax) && !listDistinct) {
            throw new IllegalArgumentException("action history needs an ARGMAX or LIST_DISTINCT query");
        }
        this.targetType = targetType;
        this.entityType = entityType;
        this.targetTable = target.name();
        this.componentNames = List.copyOf(space.columns());
        this.actionValues = space.actions();
        ActionSpace.Lookup lookup = space.lookup(target);
        RowPredicate condition;
        if (query.target() instanceof Target.ArgMax argMax) {
            condition = Conditions.compile(target, argMax.condition());
            this.conditionHeld = conditionWord(argMax.condition());
        } else {
            condition = r -> true;
            this.conditionHeld = "referencing it";
        }
        actionOfRow = new int[target.rowCount()];
        conditionOfRow = new boolean[target.rowCount()];
        for (int r = 0; r < actionOfRow.length; r++) {
            actionOfRow[r] = lookup.actionOf(r);
            conditionOfRow[r] = condition.test(r);
        }
        codes = space.codes();
        actions = space.size();
        components = space.columns().size();
        if (db == null || listDistinct) {
            return;
        }
        Set<String> linked = new TreeSet<>();
        for (EdgeKey k : edgeTypes) {
            if (k.dstType().equals(entityType) && !k.srcType().equals(targetType) && !k.srcType().equals(entityType)) {
                linked.add(k.srcType());
            }
            if (k.srcType().equals(entityType) && !k.dstType().equals(targetType) && !k.dstType().equals(entityType)) {
                linked.add(k.dstType());
            }
        }
        for (int c = 0; c < components; c++) {
            int comp = c;
            List<String> values = space.actions().stream().map(a -> a.get(comp)).distinct().sorted().toList();
            for (String type : linked) {
                for (Column col : db.table(type).columns()) {
                    if (!(col instanceof CategoricalColumn cat)) {
                        continue;
                    }
                    int[] codeOfDictionary = new int[cat.dictionary().size()];
                    boolean any = false;
                    for (int d = 0; d < codeOfDictionary.length; d++) {
                        codeOfDictionary[d] = values.indexOf(cat.dictionary().get(d));
                        any |= codeOfDictionary[d] >= 0;
                    }
                    if (!any) {
                        continue;
                    }
                    int[] codeOfRow = new int[cat.size()];
                    for (int r = 0; r < codeOfRow.length; r++) {
                        int d = cat.code(r);
                        codeOfRow[r] = d < 0 ? -1 : codeOfDictionary[d];
                    }
                    matchers.add(new Matcher(type, col.name(), c, codeOfRow));
                }
            }
        }
    }

    /** "accepted" for {@code OUTCOME = 'Accepted'}; otherwise the condition as written, e.g. "AMOUNT > 10". */
    private static String conditionWord(Expr condition) {
        if (condition instanceof Expr.Comparison c && c.op() == CompareOp.EQ
                && c.value() instanceof Literal.StringLiteral v) {
            return v.value().toLowerCase(java.util.Locale.ROOT);
        }
        return "with " + condition.render();
    }

    /**
     * One group per feature family, read back as counts ({@code expm1} of the log1p values): this exact action, each
     * action component (offer, channel), each matched column (a holding naming the offered product).
     */
    @Override
    public List<ActionFeatureGroup> describe(int action, double[] values) {
        if (values.length != width()) {
            throw new IllegalArgumentException(values.length + " values for " + width() + " history features");
        }
        List<ActionFeatureGroup> out = new ArrayList<>();
        String label = String.join(" / ", actionValues.get(action));
        if (listDistinct) {
            int count = count(values[0]);
            return List.of(new ActionFeatureGroup(targetTable, componentNames.get(0), componentNames.get(0) + " = "
                    + label + ": " + count + " in the sampled history", count, new int[] {0}));
        }
        out.add(outcomes(null, "with this action (" + label + ")", values, 0));
        for (int c = 0; c < components; c++) {
            String name = componentNames.get(c).toLowerCase(java.util.Locale.ROOT);
            out.add(outcomes(componentNames.get(c), "with this " + name + " (" + actionValues.get(action).get(c) + ")",
                    values, 2 + 2 * c));
        }
        int first = 2 * (1 + components);
        for (int m = 0; m < matchers.size(); m++) {
            Matcher matcher = matchers.get(m);
            int count = count(values[first + m]);
            out.add(new ActionFeatureGroup(matcher.type(), matcher.column(), matcher.column() + " naming "
                    + actionValues.get(action).get(matcher.component()) + ": " + count + " in the sampled rows",
                    count, new int[] {first + m}));
        }
        return out;
    }

    private ActionFeatureGroup outcomes(String column, String what, double[] values, int at) {
        int held = count(values[at]);
        int not = count(values[at + 1]);
        return new ActionFeatureGroup(targetTable, column, what + ": " + held + " " + conditionHeld + ", " + not
                + " not in the sampled history", held + not, new int[] {at, at + 1});
    }

    private static int count(double log1p) {
        return (int) Math.round(Math.expm1(log1p));
    }

    /** (table, component) pairs whose values name action components, e.g. "product_holdings.product → offer". */
    public int matchedColumns() {
        return matchers.size();
    }

    @Override
    public int width() {
        return listDistinct ? 1 : 2 * (1 + components) + matchers.size();
    }

    @Override
    public INDArray compute(SampledBatch sampled) {
        int n = sampled.batch().seedCount();
        int w = width();
        float[] f = new float[n * actions * w];
        forEachSeedRow(sampled, targetType, (seed, row) -> {
            int b = actionOfRow[row];
            if (b < 0) {
                return;
            }
            if (listDistinct) {
                f[(seed * actions + b) * w]++;
                return;
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
        });
        int first = 2 * (1 + components);
        for (int m = 0; m < matchers.size(); m++) {
            Matcher matcher = matchers.get(m);
            int feature = first + m;
            forEachSeedRow(sampled, matcher.type(), (seed, row) -> {
                int code = matcher.codeOfRow()[row];
                if (code < 0) {
                    return;
                }
                for (int a = 0; a < actions; a++) {
                    if (codes[a][matcher.component()] == code) {
                        f[(seed * actions + a) * w + feature]++;
                    }
                }
            });
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) Math.log1p(f[i]);
        }
        return Nd4j.create(f, new long[] {(long) n * actions, w}, 'c').castTo(DataType.FLOAT);
    }

    private interface SeedRowVisitor {
        void visit(int seed, int globalRow);
    }

    /**
     * Calls {@code visitor} once per (seed, sampled row of {@code type} linked directly to that seed), whichever
     * direction the edge type runs; a row sampled over two edge types is still counted once.
     */
    private void forEachSeedRow(SampledBatch sampled, String type, SeedRowVisitor visitor) {
        int[] rows = sampled.globalRows().get(type);
        if (rows == null) {
            return;
        }
        int n = sampled.batch().seedCount();
        Set<Long> seen = new HashSet<>();
        for (Map.Entry<EdgeKey, EdgeIndex> e : sampled.batch().edges().entrySet()) {
            EdgeKey key = e.getKey();
            boolean toSeed = key.srcType().equals(type) && key.dstType().equals(entityType);
            boolean fromSeed = key.srcType().equals(entityType) && key.dstType().equals(type);
            if (!toSeed && !fromSeed) {
                continue;
            }
            int[] seedSide = toSeed ? e.getValue().dst() : e.getValue().src();
            int[] rowSide = toSeed ? e.getValue().src() : e.getValue().dst();
            for (int k = 0; k < seedSide.length; k++) {
                int seed = seedSide[k];
                if (seed < n && seen.add((long) seed * rows.length + rowSide[k])) {
                    visitor.visit(seed, rows[rowSide[k]]);
                }
            }
        }
    }
}

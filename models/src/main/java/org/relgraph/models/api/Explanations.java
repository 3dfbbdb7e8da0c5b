package org.relgraph.models.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.relgraph.models.EntityModel;
import org.relgraph.models.explain.EntityExplanation;
import org.relgraph.models.explain.ExplainableModel;
import org.relgraph.models.explain.ReasonColumns;
import org.relgraph.models.explain.RowCredit;
import org.relgraph.models.output.ScoreTable;
import org.relgraph.models.predict.TargetName;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TaskType;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import org.relgraph.table.KeyIndex;
import org.relgraph.table.Table;

/**
 * Why a model scored entities as it did as of a date: integrated gradients over each entity's sampled subgraph,
 * grouped into readable reasons (the entity's own columns, and its related rows by table, column and value), each
 * with its signed share of the attribution. The "reasons" step of the data flow, and what {@code relgraph explain}
 * and {@code predict --explain} print. Works with GNN bundles (propensity, regression, class and next-best-action;
 * for the latter it explains the recommended action); other kinds are refused by {@link #of}.
 *
 * <pre>{@code
 * Explanations why = Explanations.of(model, db);
 * for (EntityExplanation e : why.explain(List.of("9587", "6185"), asOfMs, 3)) {
 *     System.out.println(e.key() + " " + e.score());
 *     e.reasons().forEach(r -> System.out.println("  " + r.text()));   // e.g. "↑ 31 % AGE = 34"
 * }
 * }</pre>
 */
public final class Explanations {
    private final ExplainableModel model;
    private final Database db;

    private Explanations(ExplainableModel model, Database db) {
        this.model = model;
        this.db = db;
    }

    /** Integrated gradients need the GNN's gradients: other bundles are refused in one line, not failed inside. */
    public static Explanations of(EntityModel model, Database db) {
        Optional<ExplainableModel> explainable = model.asExplainable();
        if (explainable.isPresent()) {
            return new Explanations(explainable.get(), db);
        }
        throw new SchemaException("explanations work with GNN propensity, regression, class and next-best-action "
                + "models; this bundle is a " + model.kind() + " "
                + model.query().taskType().toString().toLowerCase(Locale.ROOT) + " model",
                "explain a GNN written by relgraph train (--ensemble K too); baselines, gnn-xgb-blend, "
                        + "xgb-gnn-inputs and xgb-gnn-embeddings are not explained yet");
    }

    /**
     * The name of the explained score: the NBA table's PROPENSITY for a next-best-action model (the acceptance
     * probability of the recommended action), else the target's column name in the score table.
     */
    public String scoreName() {
        return model.query().taskType() == TaskType.RANKING ? "PROPENSITY" : TargetName.of(model.query());
    }

    /** {@link #explain(List, long, int, IntConsumer)} without progress reports. */
    public List<EntityExplanation> explain(List<String> keys, long asOfMs, int top) {
        return explain(keys, asOfMs, top, done -> { });
    }

    /**
     * Explains the entities with these primary-key values as of {@code asOfMs}, keeping each one's {@code top}
     * reasons (all when not positive); {@code progress} hears how many are done after each entity. An unknown key,
     * or an entity created after {@code asOfMs}, is a SchemaException naming it.
     */
    public List<EntityExplanation> explain(List<String> keys, long asOfMs, int top, IntConsumer progress) {
        return model.explain(existingRows(keys, asOfMs), asOfMs, top, progress);
    }

    /** Per entity, the {@code k} related rows whose connection moved its explained output most. */
    public List<List<RowCredit>> relatedRows(List<String> keys, long asOfMs, int k) {
        return model.explainRows(existingRows(keys, asOfMs), asOfMs, k);
    }

    /**
     * {@code table} (a {@link Scoring} table: the entity key first) with the top {@code k} reasons of every row
     * appended as REASON_1..k; {@code progress} hears how many rows are explained so far.
     */
    public ScoreTable withReasons(ScoreTable table, long asOfMs, int k, IntConsumer progress) {
        int[] rows = entityRows(model.query(), db, keys(table, table.rowCount()));
        return ReasonColumns.append(table, model.explain(rows, asOfMs, k, progress), k);
    }

    /** The entity keys of the first {@code n} rows of a {@link Scoring} table (all when it has fewer). */
    public static List<String> keys(ScoreTable table, int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < Math.min(n, table.rowCount()); i++) {
            keys.add(table.column(0).string(i));
        }
        return keys;
    }

    private int[] existingRows(List<String> keys, long asOfMs) {
        int[] rows = entityRows(model.query(), db, keys);
        requireExistsAt(db.table(model.query().entityTable()), keys, rows, asOfMs);
        return rows;
    }

    /** The rows of the given primary-key values; an unknown one is a user error naming the table and value. */
    static int[] entityRows(PredictiveQuery query, Database db, List<String> keys) {
        Table table = db.table(query.entityTable());
        KeyIndex index = KeyIndex.of(table.requireColumn(query.entityKey()));
        int[] rows = new int[keys.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = index.rowOf(keys.get(i));
            if (rows[i] == KeyIndex.MISSING) {
                throw new SchemaException("no " + table.name().toUpperCase(Locale.ROOT) + " row has "
                        + query.entityKey() + " = '" + keys.get(i) + "'",
                        "pass a value of " + table.name() + "." + query.entityKey() + "; relgraph predict --model "
                                + "MODEL_DIR --data … --top 20 lists the best-scored ones");
            }
        }
        return rows;
    }

    /** An entity created after the as-of time has no score then: say so by its key, not its row number. */
    private static void requireExistsAt(Table table, List<String> keys, int[] rows, long asOfMs) {
        if (table.timeColumn().isEmpty()) {
            return;
        }
        var time = table.timeColumn().get();
        for (int i = 0; i < rows.length; i++) {
            if (!time.isNull(rows[i]) && time.get(rows[i]) > asOfMs) {
                throw new SchemaException(table.name().toUpperCase(Locale.ROOT) + " " + keys.get(i)
                        + " was created at " + time.format(rows[i]) + ", after the as-of time "
                        + Instant.ofEpochMilli(asOfMs), "pass a later --as-of, or an entity that existed then");
            }
        }
    }
}

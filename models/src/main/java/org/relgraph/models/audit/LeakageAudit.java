package org.relgraph.models.audit;

import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.features.InputMask;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingTable;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaReach;
import org.relgraph.schema.TimelessTables;
import org.relgraph.source.MaskedCopyEstimate;
import org.relgraph.source.MemoryEstimate;
import org.relgraph.source.RowCounts;
import org.relgraph.table.Database;

/**
 * A cheap check, run after fitting, for inputs that let a model see the future: the trained model is scored on the
 * validation table once per related table with that table's rows masked (as if it were empty), and the drop in the
 * validation metric says how much the model leans on it. A timeless table (no time column, so every prediction time
 * sees all its rows, including those created later) that the model leans on heavily is the signature of a leak, as is
 * a validation metric too good to be true.
 *
 * <p>Masking, not refitting: the model as trained is asked what it would say without the table, which costs one
 * validation pass per table instead of one training run. A model that computes its inputs as features (the flat
 * baselines) masks them on its feature matrix, computed once; a GNN is reopened against a masked copy of the data.
 */
public final class LeakageAudit {
    /** A timeless table whose masking drops val AUROC (or R², accuracy, MAP) by more than this is flagged. */
    public static final double DROP_THRESHOLD = 0.05;
    /** A validation AUROC above this is suspect whatever the tables: real-world propensities rarely get there. */
    public static final double SUSPECT_AUROC = 0.97;
    /**
     * An entity column whose masking drops the metric by more than this gets a note: it may be a snapshot column (its
     * value as of the export). Only a note: an honest strong column looks the same, and only the user knows when the
     * value was recorded.
     */
    public static final double COLUMN_NOTE_THRESHOLD = 0.1;
    /** A validation R² above this is suspect. */
    public static final double SUSPECT_R2 = 0.95;

    /**
     * Validation examples the audit scores per mask, at most: a uniform sample when there are more. A drop of
     * {@link #DROP_THRESHOLD} in AUROC is several standard errors at this size even at a 2 % positive rate (about
     * 0.015 with 400 positives), and it keeps the audit of a 1M-customer bank to minutes (646k validation examples
     * scored once per table took about 5 minutes each).
     */
    public static final int MAX_EXAMPLES = 20_000;
    private static final long SAMPLE_SEED = 20;

    /** Loads the trained model against a database (e.g. one with a table masked). */
    @FunctionalInterface
    public interface ModelOpener {
        /**
         * @param sharedGraph the graph of the model as trained, for the opened model's graph to share what the mask
         *                    leaves alone ({@link ModelLoader#load(Path, Database, HeteroGraph)}); null when there is
         *                    none
         */
        EntityModel open(Database db, HeteroGraph sharedGraph) throws java.io.IOException;
    }

    private LeakageAudit() {
    }

    /** Tables within {@code hops} foreign-key hops of the entity table (either direction), nearest first. */
    public static List<String> reachableTables(Schema schema, String entityTable, int hops) {
        return SchemaReach.within(schema, entityTable, hops).stream().map(SchemaReach.ReachedTable::table).toList();
    }

    /**
     * Audits a model just saved to {@code bundle}: {@link #run(EntityModel, ModelOpener, Database, TrainingTable,
     * AuditPlan)} with the bundle as the way to reopen it, then records the findings in the model's metrics and
     * saves the bundle again with them.
     */
    public static AuditReport auditAndRecord(EntityModel model, Path bundle, Database db, TrainingTable val)
            throws java.io.IOException {
        TrainingTable scored = val.sample(MAX_EXAMPLES, SAMPLE_SEED);
        AuditReport report = run(model, (d, g) -> ModelLoader.load(bundle, d, g), db, scored,
                AuditPlan.of(db.schema(), model.query(), model.inputHops())).scoredOn(scored.size(), val.size());
        model.recordMetrics(report.asMetrics());
        model.save(bundle);
        return report;
    }

    /**
     * Audits a fitted model: masks on its own inputs when it can ({@link EntityModel#maskedEvaluation}: the
     * feature baselines compute their features once and mask columns of the matrix), else reopened with
     * {@code opener} against a masked copy of {@code db} per input (the GNN, whose inputs are sampled graphs), its
     * graph sharing the model's ({@link EntityModel#sampledGraph}).
     */
    public static AuditReport run(EntityModel model, ModelOpener opener, Database db, TrainingTable val,
                                  AuditPlan plan) throws java.io.IOException {
        var masked = model.maskedEvaluation(val);
        if (masked.isEmpty()) {
            return run(opener, db, val, plan, model.sampledGraph().orElse(null));
        }
        String metric = metricFor(val.taskType());
        return run(mask -> {
            Double v = masked.get().apply(mask).get(metric);
            return v == null ? Double.NaN : v;
        }, val.taskType(), plan);
    }

    /**
     * The entity table's columns a model reads as values: not its key, not its time column, not a foreign key (those
     * are links, audited as tables).
     */
    public static List<String> maskableColumns(org.relgraph.schema.TableSchema table) {
        List<String> names = new ArrayList<>();
        for (var c : table.columns()) {
            boolean key = c.name().equalsIgnoreCase(table.primaryKeyOpt().orElse(""))
                    || c.name().equalsIgnoreCase(table.timeColumnOpt().orElse(""))
                    || table.foreignKeys().stream().anyMatch(fk -> fk.column().equalsIgnoreCase(c.name()));
            if (!key) {
                names.add(c.name());
            }
        }
        return names;
    }

    /**
     * Tables with no time column that the schema does not declare {@code static: true}: every prediction time sees
     * all their rows, and the user has not vouched that they never change.
     */
    public static java.util.Set<String> timelessTables(Schema schema) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        TimelessTables.all(schema).forEach(t -> names.add(t.table()));
        return names;
    }

    /** The metric the audit reads for a task type (higher is better for all of them). */
    public static String metricFor(TaskType type) {
        return switch (type) {
            case BINARY -> "auroc";
            case REGRESSION -> "r2";
            case MULTICLASS -> "accuracy";
            case RANKING -> "map@3";
        };
    }

    /**
     * What the audit masks, one at a time.
     *
     * @param entityTable the query's entity table
     * @param tables tables whose rows reach the entity's prediction
     * @param timeless which of them have no time column and are not declared static
     * @param entityColumns columns of the entity table (a snapshot column check)
     */
    public record AuditPlan(String entityTable, List<String> tables, java.util.Set<String> timeless,
            List<String> entityColumns) {
        /**
         * Every table within {@code hops} of the query's entity, and every value column of the entity table; for a
         * ranking query not the target table, whose rows are the candidates and labels evaluation reads.
         */
        public static AuditPlan of(Schema schema, org.relgraph.query.PredictiveQuery query, int hops) {
            AuditPlan all = of(schema, query.entityTable(), hops);
            if (query.taskType() != TaskType.RANKING) {
                return all;
            }
            List<String> tables = all.tables().stream().filter(t -> !t.equalsIgnoreCase(query.targetTable()))
                    .toList();
            return new AuditPlan(all.entityTable(), tables, all.timeless(), all.entityColumns());
        }

        /** Every table within {@code hops} of the entity, and every value column of the entity table. */
        public static AuditPlan of(Schema schema, String entityTable, int hops) {
            return new AuditPlan(entityTable, reachableTables(schema, entityTable, hops), timelessTables(schema),
                    maskableColumns(schema.requireTable(entityTable)));
        }
    }

    /**
     * Scores {@code val} with the model as trained, then once per table in {@code plan} with that table masked, each
     * time reopening the model with {@code opener} against a masked copy of {@code db}.
     *
     * @param opener opens the trained model against a database
     * @param plan the tables and entity columns to mask, one at a time
     */
    public static AuditReport run(ModelOpener opener, Database db, TrainingTable val, AuditPlan plan)
            throws java.io.IOException {
        return run(opener, db, val, plan, null);
    }

    /** @param sharedGraph the graph of the model as trained, handed to {@code opener}; null for none */
    private static AuditReport run(ModelOpener opener, Database db, TrainingTable val, AuditPlan plan,
                                   HeteroGraph sharedGraph) throws java.io.IOException {
        Runtime runtime = Runtime.getRuntime();
        runtime.gc(); // what is free now, not what garbage happens to occupy
        requireRoomForAMaskedCopy(db, plan, sharedGraph != null,
                runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory()));
        String metric = metricFor(val.taskType());
        return run(mask -> maskedMetric(opener, mask.applyTo(db, plan.entityTable()), sharedGraph, val, metric,
                mask.hidesNothing()), val.taskType(), plan);
    }

    /**
     * A masked copy is linked and its graph built while the trained model's own are held. With the trained graph
     * to share, only what the mask touches is new ({@link MaskedCopyEstimate}, the largest over the plan's masks:
     * about nothing for a nulled value column, the relations of an emptied table); without it, a copy builds a
     * whole graph: the links, time orders and graph {@link MemoryEstimate} gives for this data. On a 1M-customer
     * bank a whole copy was more than the heap had left, and the audit's out-of-memory error failed a train command
     * whose model was saved.
     *
     * @param sharesGraph whether the reopened models' graphs share the trained model's
     * @param free the heap free after a collection
     * @throws AuditSkipped when that does not fit
     */
    static void requireRoomForAMaskedCopy(Database db, AuditPlan plan, boolean sharesGraph, long free) {
        long needed = sharesGraph ? maskedCopyBytes(db, plan) : wholeCopyBytes(db);
        if (needed > free) {
            throw new AuditSkipped(String.format(java.util.Locale.ROOT, "reopening the model on a masked copy of "
                    + "the data needs about %.1f GB more heap, and %.1f GB is free", needed / GIB, free / GIB));
        }
    }

    /** The most heap one of {@code plan}'s masked copies adds, its graph sharing the original's. */
    static long maskedCopyBytes(Database db, AuditPlan plan) {
        long most = 0;
        for (String table : plan.tables()) {
            most = Math.max(most, MaskedCopyEstimate.emptyTable(db, table).peakBytes());
        }
        for (String column : plan.entityColumns()) {
            most = Math.max(most, MaskedCopyEstimate.nullColumn(db, plan.entityTable(), column).peakBytes());
        }
        return most;
    }

    /** The heap a copy of {@code db} with a graph of its own adds: all but the columns, which it mostly shares. */
    static long wholeCopyBytes(Database db) {
        List<RowCounts.TableRows> rows = new ArrayList<>();
        db.tables().forEach(t -> rows.add(new RowCounts.TableRows(t.name(), t.rowCount(), RowCounts.Basis.EXACT)));
        MemoryEstimate estimate = MemoryEstimate.of(db.schema(), new RowCounts(rows));
        return estimate.peakBytes() - estimate.columnBytes();
    }

    private static final double GIB = 1L << 30;

    /** The validation metric with an input masked ({@link InputMask#none()} for the model as trained). */
    @FunctionalInterface
    private interface MaskedMetric {
        double of(InputMask mask) throws java.io.IOException;
    }

    private static AuditReport run(MaskedMetric metricWith, TaskType taskType, AuditPlan plan)
            throws java.io.IOException {
        long t0 = System.nanoTime();
        String metric = metricFor(taskType);
        double base = metricWith.of(InputMask.none());
        if (Double.isNaN(base)) {
            // Nothing to compare against (e.g. a validation split of one class): no drop can be read.
            return new AuditReport(metric, base, List.of(), List.of(), false, (System.nanoTime() - t0) / 1e9);
        }
        List<AuditReport.TableMask> masks = new ArrayList<>();
        for (String table : plan.tables()) {
            double without = metricWith.of(InputMask.rowsOf(table));
            boolean isTimeless = plan.timeless().stream().anyMatch(t -> t.equalsIgnoreCase(table));
            double drop = base - without;
            masks.add(new AuditReport.TableMask(table, isTimeless, without, drop,
                    isTimeless && drop > DROP_THRESHOLD));
        }
        List<AuditReport.ColumnMask> columns = new ArrayList<>();
        for (String column : plan.entityColumns()) {
            double without = metricWith.of(InputMask.entityColumn(column));
            columns.add(new AuditReport.ColumnMask(column, without, base - without,
                    base - without > COLUMN_NOTE_THRESHOLD));
        }
        boolean suspect = switch (taskType) {
            case BINARY -> base > SUSPECT_AUROC;
            case REGRESSION -> base > SUSPECT_R2;
            default -> false;
        };
        return new AuditReport(metric, base, masks, columns, suspect, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The metric of the model opened against {@code input}. With an input masked, NaN when the model cannot score
     * without it: the model is already saved, so a check that fails must cost the user a line of the report, not
     * the run (the line says n/a). Unmasked, a failure is the model's own and propagates.
     */
    private static double maskedMetric(ModelOpener opener, Database input, HeteroGraph sharedGraph,
                                       TrainingTable val, String metric, boolean unmasked) throws java.io.IOException {
        try (EntityModel model = opener.open(input, sharedGraph)) {
            return metricOf(model, val, metric);
        } catch (RuntimeException e) {
            if (unmasked) {
                throw e;
            }
            return Double.NaN;
        }
    }

    private static double metricOf(EntityModel model, TrainingTable val, String metric) {
        Double v = model.evaluate(val).get(metric);
        return v == null ? Double.NaN : v;
    }
}

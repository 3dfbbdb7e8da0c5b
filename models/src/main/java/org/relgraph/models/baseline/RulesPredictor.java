package org.relgraph.models.baseline;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.relgraph.models.features.DerivedFeatures;
import org.relgraph.models.features.FeatureColumn;
import org.relgraph.models.features.FeatureMatrix;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.features.FeatureSpec;
import org.relgraph.models.features.InputMask;
import org.relgraph.models.features.PointInTimeFeatures;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.schema.SemanticType;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

/**
 * The transparent rule a bank runs today, learnt from the training split and stated in two lines:
 * <ol>
 *   <li><b>Segment rate.</b> Of the entity's categorical columns, take the one whose values best separate the label
 *       in training (largest share of label variance between its values); score an example by its value's mean
 *       label in training, shrunk towards the overall mean by {@value #PRIOR_WEIGHT} pseudo-examples so that a rare
 *       value cannot claim an extreme rate. Without any categorical column every example starts at the overall
 *       mean.</li>
 *   <li><b>Recent activity.</b> Count the entity's rows in all its child tables in the {@value #ACTIVITY_DAYS}
 *       days up to the anchor; "active" means more than the training median. Add the difference between the
 *       mean label of training examples in the same activity group and the overall mean.</li>
 * </ol>
 * Binary scores are clipped to [0, 1]. Works for any binary or regression query; nothing is tuned on val or test.
 */
public final class RulesPredictor implements TabularPredictor {
    public static final String NAME = "rules";
    static final int PRIOR_WEIGHT = 20;
    static final int ACTIVITY_DAYS = 90;

    private final Database db;
    private final String entityTable;
    private final long featureCutoffMs;
    private final PointInTimeFeatures features;
    private FeatureSpec activitySpec;
    private TaskType task;
    private String segmentColumn;
    private Map<String, Double> segmentRates = Map.of();
    private double overallMean;
    private double activityMedian;
    private double activeShift;
    private double quietShift;

    public RulesPredictor(Database db, String entityTable) {
        this(db, entityTable, FeatureOptions.NO_CUTOFF);
    }

    /** Activity counts read no row after {@code featureCutoffMs}, as in RelBench's protocol for later splits. */
    public RulesPredictor(Database db, String entityTable, long featureCutoffMs) {
        this.db = db;
        this.entityTable = entityTable;
        this.featureCutoffMs = featureCutoffMs;
        this.features = new PointInTimeFeatures(db);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void fit(TrainingSplits splits) {
        TrainingTable train = splits.train();
        task = train.taskType();
        if (task != TaskType.BINARY && task != TaskType.REGRESSION) {
            throw new IllegalArgumentException("the rules baseline scores binary and regression queries, not " + task);
        }
        double[] labels = new double[train.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = train.label(i);
        }
        overallMean = Arrays.stream(labels).average().orElse(0);
        chooseSegmentColumn(train, labels);

        activitySpec = features.fit(entityTable, new FeatureOptions(List.of(ACTIVITY_DAYS), 0, 1, false, true,
                featureCutoffMs, DerivedFeatures.none()), train);
        double[] activity = activity(features.build(activitySpec, train));
        double[] sorted = activity.clone();
        Arrays.sort(sorted);
        activityMedian = sorted.length == 0 ? 0 : sorted[sorted.length / 2];
        double activeSum = 0;
        int active = 0;
        double quietSum = 0;
        int quiet = 0;
        for (int i = 0; i < labels.length; i++) {
            if (activity[i] > activityMedian) {
                activeSum += labels[i];
                active++;
            } else {
                quietSum += labels[i];
                quiet++;
            }
        }
        activeShift = active == 0 ? 0 : activeSum / active - overallMean;
        quietShift = quiet == 0 ? 0 : quietSum / quiet - overallMean;
    }

    @Override
    public double[] predict(TrainingTable table) {
        if (task == null) {
            throw new IllegalStateException(NAME + " is not fitted");
        }
        return score(table, activity(features.build(activitySpec, table)), false);
    }

    @Override
    public Function<InputMask, double[]> maskedPredictions(TrainingTable table) {
        if (task == null) {
            throw new IllegalStateException(NAME + " is not fitted");
        }
        FeatureMatrix unmasked = features.build(activitySpec, table);
        return mask -> score(table, activity(unmasked.masked(mask)),
                segmentColumn != null && mask.hidesEntityColumn(segmentColumn));
    }

    /** The rule's scores from each example's activity; with {@code segmentMasked} every segment reads as null. */
    private double[] score(TrainingTable table, double[] activity, boolean segmentMasked) {
        CategoricalColumn segment = segmentColumn == null || segmentMasked ? null
                : (CategoricalColumn) db.table(entityTable).requireColumn(segmentColumn);
        double[] out = new double[table.size()];
        for (int i = 0; i < out.length; i++) {
            // A null segment (missing in new data, or masked by the leakage audit) gets the overall rate.
            String value = segment == null ? null : segment.get(table.entityRow(i));
            double rate = value == null ? overallMean : segmentRates.getOrDefault(value, overallMean);
            double score = rate + (activity[i] > activityMedian ? activeShift : quietShift);
            out[i] = task == TaskType.BINARY ? Math.max(0, Math.min(1, score)) : score;
        }
        return out;
    }

    /** Writes the fitted rule as {@value SavedRules#FILE} into {@code folder} (which must exist). */
    @Override
    public void saveInto(java.nio.file.Path folder) throws java.io.IOException {
        if (task == null) {
            throw new IllegalStateException(NAME + " is not fitted");
        }
        SavedRules.write(folder, new SavedRules(entityTable, featureCutoffMs, task, segmentColumn,
                new java.util.TreeMap<>(segmentRates), overallMean, activitySpec, activityMedian, activeShift,
                quietShift));
    }

    /** A rule saved by {@link #saveInto}, reading activity from {@code db}. */
    static RulesPredictor load(java.nio.file.Path folder, Database db) throws java.io.IOException {
        SavedRules saved = SavedRules.read(folder);
        RulesPredictor r = new RulesPredictor(db, saved.entityTable(), saved.featureCutoffMs());
        r.task = saved.task();
        r.segmentColumn = saved.segmentColumn();
        r.segmentRates = Map.copyOf(saved.segmentRates());
        r.overallMean = saved.overallMean();
        r.activitySpec = saved.activitySpec();
        r.activityMedian = saved.activityMedian();
        r.activeShift = saved.activeShift();
        r.quietShift = saved.quietShift();
        return r;
    }

    /** The column the rule segments by, or null when the entity table has no categorical column. */
    public String segmentColumn() {
        return segmentColumn;
    }

    /** A one-line statement of the fitted rule, for reports. */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "rate by %s (overall %.4f) %+.4f if child rows in last %d days > %.0f, else %+.4f",
                segmentColumn == null ? "nothing" : segmentColumn, overallMean, activeShift, ACTIVITY_DAYS,
                activityMedian, quietShift);
    }

    private void chooseSegmentColumn(TrainingTable train, double[] labels) {
        Table entity = db.table(entityTable);
        double bestBetween = 0;
        for (Column c : entity.columns()) {
            if (!(c instanceof CategoricalColumn cat) || cat.type() != SemanticType.CATEGORICAL
                    || c.name().equalsIgnoreCase(entity.schema().primaryKey())) {
                continue;
            }
            Map<String, Double> rates = smoothedRates(cat, train, labels);
            double between = 0;
            for (int i = 0; i < labels.length; i++) {
                double d = rates.getOrDefault(cat.get(train.entityRow(i)), overallMean) - overallMean;
                between += d * d;
            }
            if (between > bestBetween) {
                bestBetween = between;
                segmentColumn = cat.name();
                segmentRates = rates;
            }
        }
    }

    private Map<String, Double> smoothedRates(CategoricalColumn cat, TrainingTable train, double[] labels) {
        Map<String, double[]> sumAndCount = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            String value = cat.get(train.entityRow(i));
            if (value != null) {
                double[] s = sumAndCount.computeIfAbsent(value, v -> new double[2]);
                s[0] += labels[i];
                s[1]++;
            }
        }
        Map<String, Double> rates = new HashMap<>();
        sumAndCount.forEach((v, s) -> rates.put(v, (s[0] + PRIOR_WEIGHT * overallMean) / (s[1] + PRIOR_WEIGHT)));
        return rates;
    }

    /** Rows of all child tables in the activity window, per example of {@code m} (the activity features). */
    private static double[] activity(FeatureMatrix m) {
        double[] out = new double[m.rows()];
        for (int c = 0; c < m.columnCount(); c++) {
            FeatureColumn column = m.columns().get(c);
            if (column.hops() == 1 && column.statistic().equals("count") && column.windowDays() == ACTIVITY_DAYS
                    && !column.name().contains("=")) {
                for (int i = 0; i < out.length; i++) {
                    out[i] += m.get(i, c);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        features.close();
    }
}

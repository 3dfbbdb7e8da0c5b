package org.relgraph.models.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.models.fixtures.ActivityBank.DAY;
import static org.relgraph.models.fixtures.ActivityBank.START;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.models.features.FeatureMatrix;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.features.FeatureSpec;
import org.relgraph.models.features.PointInTimeFeatures;
import org.relgraph.models.fixtures.ActivityBank;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.table.Database;

/** flat-xgboost with the entity's own past labels as features: their values, the cutoff, a saved model. */
class FlatLabelHistoryTest {
    private static final XgboostSettings SETTINGS = XgboostSettings.defaults().withThreads(1);
    private static Database db;
    private static PredictiveQuery query;
    private static TrainingSplits splits;

    @BeforeAll
    static void bank() {
        db = ActivityBank.generate(300, 5).database();
        query = PredictiveQuery.parse(ActivityBank.BUSY_NEXT_MONTH, db.schema());
        splits = new TrainingSplits(ActivityBank.examples(db, "train", 90, 150, 210),
                ActivityBank.examples(db, "val", 270), ActivityBank.examples(db, "test", 330));
    }

    private static FeatureMatrix labelHistory(FeatureOptions options, TrainingTable examples) {
        try (PointInTimeFeatures features = new PointInTimeFeatures(db)) {
            FeatureSpec spec = features.fit("customers", options.withEntityColumns(false), examples);
            return features.build(new FeatureSpec(spec.entityTable(), spec.options(), spec.entityDictionaries(),
                    java.util.Map.of(), query.text()), examples);
        }
    }

    /** Each customer's label for the window (anchor - 30 days, anchor], read straight from the training table. */
    private static double[] labelsOfTheWindowBefore(TrainingTable examples, long windowAnchor) {
        TrainingTable before = new TrainingTableBuilder(db, query).build("before", List.of(windowAnchor));
        double[] out = new double[examples.size()];
        for (int i = 0; i < out.length; i++) {
            for (int k = 0; k < before.size(); k++) {
                if (before.entityRow(k) == examples.entityRow(i)) {
                    out[i] = before.label(k);
                }
            }
        }
        return out;
    }

    private static double[] column(FeatureMatrix m, String name) {
        int c = m.indexOf(name);
        assertTrue(c >= 0, name + " not among " + m.names());
        double[] out = new double[m.rows()];
        for (int r = 0; r < out.length; r++) {
            out[r] = m.get(r, c);
        }
        return out;
    }

    @Test
    void theLastLabelIsTheLabelOfTheWindowClosingAtTheAnchor() {
        TrainingTable test = splits.test();
        FeatureMatrix m = labelHistory(FeatureOptions.defaults(), test);
        assertEquals(List.of("label_history.count", "label_history.mean", "label_history.last",
                "label_history.recency_weighted_mean", "label_history.windows_since_last",
                "label_history.windows_since_positive"), m.names().stream().filter(n -> n.startsWith("label_")).toList());
        assertArrayEquals(labelsOfTheWindowBefore(test, START + 300 * DAY), column(m, "label_history.last"));
        // Every customer is labelled in each window (no filter) anchored at or after the data's first row.
        long first = Math.min(org.relgraph.table.TimeRange.of(db.table("transactions").timeColumn().orElseThrow()).min(),
                db.table("customers").timeColumn().map(t -> org.relgraph.table.TimeRange.of(t).min())
                        .orElse(Long.MAX_VALUE));
        int windows = 0;
        for (int j = 0; j < org.relgraph.query.LabelHistory.WINDOWS; j++) {
            windows += START + (300 - 30 * j) * DAY >= first ? 1 : 0;
        }
        assertTrue(windows > 5 && windows < org.relgraph.query.LabelHistory.WINDOWS, windows + " windows");
        for (double count : column(m, "label_history.count")) {
            assertEquals(windows, count);
        }
    }

    @Test
    void theFeatureCutoffMovesTheHistoryBackToIt() {
        long cutoff = START + 270 * DAY;
        FeatureMatrix m = labelHistory(FeatureOptions.defaults().withFeatureCutoff(cutoff), splits.test());
        assertArrayEquals(labelsOfTheWindowBefore(splits.test(), cutoff - 30 * DAY), column(m, "label_history.last"));
    }

    @Test
    void aSavedModelComputesTheSameFeaturesAfterLoading(@TempDir Path dir) {
        Path folder = dir.resolve("model");
        try (GradientBoostedBaseline trained = GradientBoostedBaseline.flatXgboost(db, "customers",
                FeatureOptions.defaults(), SETTINGS).withLabelHistory(query)) {
            trained.fit(splits);
            assertTrue(trained.featureImportance().keySet().stream().anyMatch(n -> n.startsWith("label_history.")),
                    "the trees never split on label history: " + trained.featureImportance().keySet());
            trained.save(folder);
            double[] expected = trained.predict(splits.test());
            try (GradientBoostedBaseline loaded = GradientBoostedBaseline.load(folder, db)) {
                assertArrayEquals(expected, loaded.predict(splits.test()));
            }
        }
    }
}

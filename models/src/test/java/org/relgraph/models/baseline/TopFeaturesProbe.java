package org.relgraph.models.baseline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * Not a test (not run by default): which features carry a suspiciously strong flat-xgboost score. Run with
 * {@code -Dtest=TopFeaturesProbe -Dprobe.data=DIR -Dprobe.query=PQL -Dprobe.test=DATE [-Dprobe.cutoff=DATE]}.
 */
class TopFeaturesProbe {
    @Test
    void printTopFeatures() {
        String data = System.getProperty("probe.data");
        Assumptions.assumeTrue(data != null && Files.isDirectory(Path.of(data)), "probe.data not set");
        Database db = DataSources.open(data).load().database();
        PredictiveQuery q = PredictiveQuery.parse(System.getProperty("probe.query"), db.schema());
        SplitPlanner planner = new SplitPlanner(db, q.window()).maxTrainAnchors(1000)
                .maxEvalAnchors(Integer.parseInt(System.getProperty("probe.eval", "1")));
        org.relgraph.query.TimestampLiteral.parse(System.getProperty("probe.test")).ifPresent(planner::testTime);
        String val = System.getProperty("probe.val");
        if (val != null) {
            org.relgraph.query.TimestampLiteral.parse(val).ifPresent(planner::valTime);
        }
        TrainingSplits splits = new TrainingTableBuilder(db, q).build(planner.plan());
        System.out.println(splits);
        String cut = System.getProperty("probe.cutoff");
        FeatureOptions options = cut == null ? FeatureOptions.defaults()
                : FeatureOptions.defaults().withFeatureCutoff(
                        org.relgraph.query.TimestampLiteral.parse(cut).getAsLong());
        try (GradientBoostedBaseline p = GradientBoostedBaseline.flatXgboost(db, q.entityTable(), options,
                XgboostSettings.defaults())) {
            p.fit(splits);
            System.out.println("test AUROC " + Auroc.of(splits.test(), p.predict(splits.test())));
            p.featureImportance().entrySet().stream()
                    .sorted(Comparator.comparingDouble(e -> -e.getValue())).limit(15)
                    .forEach(e -> System.out.printf("%12.1f  %s%n", e.getValue(), e.getKey()));
        }
    }
}

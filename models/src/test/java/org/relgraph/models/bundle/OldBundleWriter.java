package org.relgraph.models.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relgraph.models.baseline.RulesKind;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.models.EntityModel;
import org.relgraph.models.baseline.BaselineModel;
import org.relgraph.models.baseline.FlatXgboostRankingModel;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.fixtures.ActivityBank;
import org.relgraph.models.fixtures.OfferHistory;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.gnn.GnnRanker;
import org.relgraph.models.rank.CfModel;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.table.Database;

/**
 * Wrote the bundles in {@code src/test/resources/old-bundles} with the code of main before the bundle manifest was
 * unified (commit 4cd703d), and the scores each gave in {@code expected-scores.json}, so {@link OldBundlesTest}
 * proves bundles of that format still load and score the same. Kept to show how they were made; running it again
 * writes bundles of today's format.
 *
 * <p>Run: {@code java -cp <models test classpath> org.relgraph.models.bundle.OldBundleWriter <folder>}.
 */
public final class OldBundleWriter {
    /** The entities and as-of times scored, shared with {@link OldBundlesTest}. */
    static final int[] ENTITIES = {0, 1, 2, 3, 4, 5, 6, 7};
    static final long BANK_AS_OF = ActivityBank.START + 300 * ActivityBank.DAY;
    static final long OFFERS_AS_OF = OfferHistory.START + 300 * OfferHistory.DAY;
    static final GnnConfig TINY = GnnConfig.defaults().withHidden(8).withLayers(2).withFanouts(4, 2)
            .withBatchSize(64).withEpochs(2).withSeed(3);

    private OldBundleWriter() {
    }

    static Database bank() {
        return ActivityBank.generate(120, 5).database();
    }

    static TrainingSplits bankSplits(Database db, PredictiveQuery q) {
        TrainingTableBuilder b = new TrainingTableBuilder(db, q);
        long d = ActivityBank.DAY;
        long s = ActivityBank.START;
        return new TrainingSplits(b.build("train", List.of(s + 150 * d, s + 210 * d)),
                b.build("val", List.of(s + 270 * d)), b.build("test", List.of(s + 330 * d)));
    }

    static Database offers() {
        return OfferHistory.database(80, 5);
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Map<String, double[]> scores = new LinkedHashMap<>();
        Database bank = bank();
        PredictiveQuery busy = PredictiveQuery.parse(ActivityBank.BUSY_NEXT_MONTH, bank.schema());
        TrainingSplits bankSplits = bankSplits(bank, busy);
        Database offers = offers();
        PredictiveQuery nba = PredictiveQuery.parse(OfferHistory.QUERY, offers.schema());
        TrainingSplits offerSplits = OfferHistory.splits(offers);
        save(out, "gnn", GnnPredictor.train(bank, busy, bankSplits, TINY, TrainingListener.NONE), BANK_AS_OF,
                scores);
        save(out, "gnn-ranker", GnnRanker.train(offers, nba, offerSplits, TINY, TrainingListener.NONE),
                OFFERS_AS_OF, scores);
        save(out, "rules", BaselineModel.train(bank, busy, bankSplits, RulesKind.INSTANCE, 7, 1, l -> { }), BANK_AS_OF,
                scores);
        save(out, "flat-xgboost", FlatXgboostRankingModel.train(offers, nba, offerSplits, 7, 1,
                FeatureOptions.NO_CUTOFF, l -> { }), OFFERS_AS_OF, scores);
        save(out, "cf", CfModel.train(offers, nba, offerSplits, 7, l -> { }), OFFERS_AS_OF, scores);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("expected-scores.json").toFile(), scores);
    }

    private static void save(Path out, String name, EntityModel m, long asOf, Map<String, double[]> scores)
            throws Exception {
        try (m) {
            m.save(out.resolve(name));
            scores.put(name, m.score(ENTITIES, asOf));
        }
    }
}

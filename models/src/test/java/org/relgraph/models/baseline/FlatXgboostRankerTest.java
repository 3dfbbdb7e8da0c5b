package org.relgraph.models.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.query.RankingSeeds;
import org.relgraph.models.fixtures.OfferHistory;
import org.relgraph.models.rank.ActionSpace;
import org.relgraph.models.rank.PopularityRanker;
import org.relgraph.models.rank.RankingEvaluation;
import org.relgraph.models.rank.RankingExamples;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;

class FlatXgboostRankerTest {
    @Test
    void scoresEveryActionOfEveryExampleAndLearnsFromHistory() {
        Database db = OfferHistory.database(300, 5);
        TrainingSplits splits = OfferHistory.splits(db);
        ActionSpace space = ActionSpace.forArgMax(PredictiveQuery.parse(OfferHistory.QUERY, db.schema()), db,
                splits.train());
        GnnConfig config = GnnConfig.defaults();
        RankingSeeds train = RankingExamples.of(splits.train(), space, db.table("offers"), config, null);
        RankingSeeds val = RankingExamples.of(splits.val(), space, db.table("offers"), config, null);
        try (FlatXgboostRanker ranker = new FlatXgboostRanker(db, space)) {
            ranker.fit("customers", splits.train(), train, splits.val(), val);
            double[][] scores = ranker.scores(splits.val());
            assertEquals(val.size(), scores.length);
            assertEquals(space.size(), scores[0].length);
            Map<String, Double> flat = RankingEvaluation.report(val, scores);
            Map<String, Double> popularity = RankingEvaluation.report(val,
                    PopularityRanker.fit(train, space.size()).scores(val.size()));
            System.out.println("FlatXgboostRankerTest map@3 " + flat.get("map@3") + " vs popularity "
                    + popularity.get("map@3"));
            assertTrue(flat.get("map@3") > popularity.get("map@3"),
                    flat.get("map@3") + " vs popularity " + popularity.get("map@3"));
        }
    }
}

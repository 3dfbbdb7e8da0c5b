package org.relgraph.models.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.schema.SemanticType.CATEGORICAL;
import static org.relgraph.schema.SemanticType.ID;
import static org.relgraph.schema.SemanticType.TIMESTAMP;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relgraph.query.RankingSeeds;
import org.relgraph.models.fixtures.OfferHistory;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * The OFFERING rule as the rankers see it: training examples and metrics leave out, as of each example's anchor,
 * the actions whose product the customer holds then, and nothing held only later.
 */
class ActionEligibilityTest {
    static final String RULE = OfferHistory.QUERY + " OFFERING offers.product NOT HELD holdings.product";
    static final int CUSTOMERS = 30;
    static final long DAY = OfferHistory.DAY;

    /** Customer c holds a Loan from day 100 + 5c: before some train anchors, after others. */
    static long loanFrom(int customer) {
        return OfferHistory.START + (100 + 5L * customer) * DAY;
    }

    /**
     * OfferHistory's bank plus a holdings table: each customer's Loan from {@link #loanFrom}, and, with
     * {@code laterHoldingsAfter}, a Savings and a Card for everyone at that time and later (rows the anchors before it
     * must never see).
     */
    static Database bank(Long laterHoldingsAfter) {
        Database base = OfferHistory.database(CUSTOMERS, 5);
        TableSchema holdings = new TableSchema("holdings", List.of(new ColumnSchema("holding_id", ID),
                new ColumnSchema("customer_id", ID), new ColumnSchema("product", CATEGORICAL),
                new ColumnSchema("opened", TIMESTAMP)), "holding_id", "opened",
                List.of(new ForeignKey("holdings", "customer_id", "customers")));
        List<long[]> rows = new ArrayList<>(); // customer, product code, time
        for (int c = 0; c < CUSTOMERS; c++) {
            rows.add(new long[] {c, 1, loanFrom(c)});
            if (laterHoldingsAfter != null) {
                rows.add(new long[] {c, 0, laterHoldingsAfter + 1});
                rows.add(new long[] {c, 2, laterHoldingsAfter + c * DAY + 1});
            }
        }
        int n = rows.size();
        long[] id = new long[n];
        long[] customer = new long[n];
        int[] product = new int[n];
        long[] time = new long[n];
        for (int i = 0; i < n; i++) {
            id[i] = i;
            customer[i] = rows.get(i)[0];
            product[i] = (int) rows.get(i)[1];
            time[i] = rows.get(i)[2];
        }
        Table table = new Table(holdings, List.of(new LongColumn("holding_id", ID, id, new BitSet()),
                new LongColumn("customer_id", ID, customer, new BitSet()),
                new CategoricalColumn("product", CATEGORICAL, product, OfferHistory.PRODUCTS),
                new LongColumn("opened", TIMESTAMP, time, new BitSet())));
        Schema schema = new Schema(List.of(base.schema().requireTable("customers"),
                base.schema().requireTable("offers"), holdings));
        return new Database(schema, List.of(base.table("customers"), base.table("offers"), table));
    }

    static List<Long> anchors() {
        List<Long> out = new ArrayList<>();
        for (int d = 60; d <= 240; d += 30) {
            out.add(OfferHistory.START + d * DAY);
        }
        return out;
    }

    static RankingSeeds seeds(Database db, String query) {
        PredictiveQuery q = PredictiveQuery.parse(query, db.schema());
        TrainingTable train = new TrainingTableBuilder(db, q).build("train", anchors());
        ActionSpace space = ActionSpace.forArgMax(q, db, train);
        return RankingExamples.of(train, space, db.table("offers"), ActionEligibility.of(db, q, space));
    }

    @Test
    void eachExampleLeavesOutWhatTheCustomerHoldsAtItsAnchorOnly() {
        Database db = bank(null);
        PredictiveQuery q = PredictiveQuery.parse(RULE, db.schema());
        TrainingTable train = new TrainingTableBuilder(db, q).build("train", anchors());
        ActionSpace space = ActionSpace.forArgMax(q, db, train);
        RankingSeeds seeds = RankingExamples.of(train, space, db.table("offers"), ActionEligibility.of(db, q, space));
        int product = space.columns().indexOf("product");
        int[] starts = RankingExamples.groupStarts(train);
        int before = 0;
        int after = 0;
        for (int g = 0; g < seeds.size(); g++) {
            int customer = train.entityRow(starts[g]);
            long anchor = train.anchorTime(starts[g]);
            boolean holdsLoan = loanFrom(customer) <= anchor;
            before += holdsLoan ? 0 : 1;
            after += holdsLoan ? 1 : 0;
            for (int a = 0; a < space.size(); a++) {
                boolean loan = space.actions().get(a).get(product).equals("Loan");
                assertEquals(!(loan && holdsLoan), seeds.eligible(g)[a],
                        "customer " + customer + " at day " + (anchor - OfferHistory.START) / DAY + ", "
                                + space.describe(a));
            }
        }
        assertTrue(before > 0 && after > 0, "anchors on both sides of the holdings: " + before + " / " + after);
    }

    @Test
    void holdingsOpenedAfterAnAnchorNeverChangeItsExamples() {
        long lastAnchor = anchors().get(anchors().size() - 1);
        RankingSeeds plain = seeds(bank(null), RULE);
        RankingSeeds withFuture = seeds(bank(lastAnchor), RULE);
        assertEquals(plain.size(), withFuture.size());
        for (int g = 0; g < plain.size(); g++) {
            assertArrayEquals(plain.eligible(g), withFuture.eligible(g), "example " + g);
        }
        // ... while the same holdings dated at the first anchor do change them: the test can see a leak.
        RankingSeeds withEarly = seeds(bank(anchors().get(0) - 1), RULE);
        boolean changed = false;
        for (int g = 0; g < plain.size(); g++) {
            changed |= !java.util.Arrays.equals(plain.eligible(g), withEarly.eligible(g));
        }
        assertTrue(changed);
    }

    @Test
    void withoutARuleEveryActionIsEligibleAndMetricsRankTheWholeSpace() {
        assertNull(seeds(bank(null), OfferHistory.QUERY).eligible());
        assertFalse(ActionEligibility.of(bank(null), PredictiveQuery.parse(OfferHistory.QUERY,
                bank(null).schema()), null).applies());
    }

    @Test
    void metricsRankOnlyEligibleActions() {
        // Two actions; the seed accepted action 1. Scores put action 0 first: a miss at 1, unless 0 is ineligible.
        RankingSeeds open = new RankingSeeds(new int[] {0}, new long[] {0}, new int[][] {{1}},
                new boolean[][] {{true}});
        RankingSeeds ruled = new RankingSeeds(new int[] {0}, new long[] {0}, new int[][] {{1}},
                new boolean[][] {{true}}, new boolean[][] {{false, true}});
        double[][] scores = {{0.9, 0.2}};
        Map<String, Double> all = RankingEvaluation.report(open, scores);
        Map<String, Double> eligible = RankingEvaluation.report(ruled, scores);
        assertEquals(0.0, all.get("hit@1"));
        assertEquals(1.0, eligible.get("hit@1"));
    }

    @Test
    void cfEvaluatesAndRecommendsOnlyEligibleActions() {
        Database db = bank(null);
        PredictiveQuery ruled = PredictiveQuery.parse(RULE, db.schema());
        PredictiveQuery open = PredictiveQuery.parse(OfferHistory.QUERY, db.schema());
        TrainingTableBuilder builder = new TrainingTableBuilder(db, ruled);
        org.relgraph.query.TrainingSplits splits = new org.relgraph.query.TrainingSplits(
                builder.build("train", anchors()), builder.build("val", List.of(OfferHistory.START + 270 * DAY)),
                builder.build("test", List.of(OfferHistory.START + 310 * DAY)));
        CfModel withRule = CfModel.train(db, ruled, splits, 1, s -> { });
        CfModel without = CfModel.train(db, open, splits, 1, s -> { });
        without.useWeights(withRule.weights());
        // Every customer holds a Loan by day 245: no Loan may be recommended after that.
        int[] everyone = java.util.stream.IntStream.range(0, CUSTOMERS).toArray();
        long asOf = OfferHistory.START + 300 * DAY;
        List<List<String>> recommended = withRule.recommend(everyone, asOf, 3);
        recommended.forEach(items -> items.forEach(item -> assertFalse(item.endsWith("Loan"), items.toString())));
        assertTrue(without.recommend(everyone, asOf, 3).stream().anyMatch(items -> items.stream()
                .anyMatch(item -> item.endsWith("Loan"))), "the same weights without the rule recommend loans");
        // The same weights and examples rank different candidates: the rule reaches the metrics.
        assertTrue(!withRule.evaluate(splits.val()).equals(without.evaluate(splits.val())));
    }
}

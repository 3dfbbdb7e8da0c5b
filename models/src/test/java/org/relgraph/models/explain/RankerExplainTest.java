package org.relgraph.models.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.models.fixtures.OfferHistory;
import org.relgraph.models.gnn.GnnRanker;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.table.Database;

/**
 * Explanations of a next-best-action GNN trained on {@link OfferHistory}, where each customer accepts offers on a
 * hidden preferred channel that their past acceptances reveal: the recommended action's logit, with the customer's
 * history with that action (the MLP_HISTORY scorer's features) integrated along with the subgraph's inputs.
 */
class RankerExplainTest {
    private static final GnnConfig SMALL = GnnConfig.defaults().withHidden(16).withFanouts(10, 4).withBatchSize(64)
            .withEpochs(12).withPatience(4).withLearningRate(2e-2);
    private static final long AS_OF = OfferHistory.START + 290 * OfferHistory.DAY;

    private static Database db;
    private static GnnRanker ranker;

    @BeforeAll
    static void train() {
        db = OfferHistory.database(300, 5);
        ranker = GnnRanker.train(db, PredictiveQuery.parse(OfferHistory.QUERY, db.schema()), OfferHistory.splits(db),
                SMALL, TrainingListener.NONE);
        // Early stopping may keep the untrained scorer (every customer scored by the action priors alone), which
        // leaves nothing to explain.
        assertTrue(ranker.metrics().get("best_epoch") > 0, "trained: " + ranker.metrics());
    }

    @AfterAll
    static void close() {
        ranker.close();
    }

    private static int[] customers(int n) {
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    @Test
    void explainsTheRecommendedActionCompletelyForMostCustomers() {
        int n = 20;
        double[][] p = ranker.scoreActions(customers(n), AS_OF);
        List<EntityExplanation> explained = ranker.explain(customers(n), AS_OF, 0, done -> { });
        int within1 = 0;
        double[] rel = new double[n];
        for (int i = 0; i < n; i++) {
            EntityExplanation e = explained.get(i);
            int best = 0;
            for (int a = 1; a < p[i].length; a++) {
                best = p[i][a] > p[i][best] ? a : best;
            }
            assertEquals(ranker.label(best), e.action(), "the recommended action, as the NBA table picks it");
            assertEquals(p[i][best], e.score(), 1e-9, "its acceptance probability");
            assertEquals("logit of " + ranker.label(best), e.explainedOutput());
            assertTrue(e.steps() <= 50, "at most 50 intervals (fewer where the path has no switch left)");
            assertNotEquals(e.output(), e.baselineOutput(), "the customer's history moves the logit");
            double sum = e.reasons().stream().mapToDouble(Reason::attribution).sum();
            assertEquals(e.output() - e.baselineOutput(), sum, e.completenessDelta() + 1e-6, e.key());
            rel[i] = e.relativeCompletenessDelta();
            within1 += rel[i] < 0.01 ? 1 : 0;
        }
        double[] sorted = rel.clone();
        Arrays.sort(sorted);
        System.out.printf("RankerExplainTest completeness: %d of %d within 1 %%, median %.4f %%, worst %.4f %%%n",
                within1, n, 100 * sorted[n / 2], 100 * sorted[n - 1]);
        assertTrue(within1 >= 0.8 * n, within1 + " of " + n + " within 1 %: " + Arrays.toString(rel));
    }

    /** A reason from the customer's history with the explained action, as {@code SeedActionHistory} names it. */
    private static boolean historyReason(Reason r) {
        return r.description().contains("in the sampled history") || r.description().contains("in the sampled rows");
    }

    /**
     * The accepted channel is the one the customer accepted on before, which the history features count directly:
     * the explanation should say so, among its first three reasons, for most customers.
     */
    @Test
    void theHistoryWithTheActionIsAmongTheTopThreeReasonsForMostCustomers() {
        int n = 20;
        List<EntityExplanation> explained = ranker.explain(customers(n), AS_OF, 0, done -> { });
        int top3 = 0;
        double share = 0;
        for (EntityExplanation e : explained) {
            List<Reason> first = e.reasons().subList(0, Math.min(3, e.reasons().size()));
            top3 += first.stream().anyMatch(RankerExplainTest::historyReason) ? 1 : 0;
            share += e.reasons().stream().filter(RankerExplainTest::historyReason).mapToDouble(Reason::share).sum();
            assertTrue(e.reasons().stream().filter(RankerExplainTest::historyReason).count() >= 1, e.key());
        }
        System.out.printf("RankerExplainTest history reasons: in the top 3 for %d of %d customers, mean share %.0f %%;"
                + " e.g. %s%n", top3, n, 100 * share / n, explained.get(0).reasons().get(0).text());
        assertTrue(top3 >= 0.7 * n, top3 + " of " + n);
    }

    @Test
    void theLogitExplainedIsTheActionsOwnAndDependsOnTheAction() {
        int row = 3;
        double[] p = ranker.scoreActions(new int[] {row}, AS_OF)[0];
        int best = 0;
        int worst = 0;
        for (int a = 1; a < p.length; a++) {
            best = p[a] > p[best] ? a : best;
            worst = p[a] < p[worst] ? a : worst;
        }
        assertNotEquals(best, worst);
        EntityExplanation b = ranker.explainAction(row, AS_OF, best, p[best], 0, 50);
        EntityExplanation w = ranker.explainAction(row, AS_OF, worst, p[worst], 0, 50);
        // Calibration is monotone: the action of the higher probability has the higher logit.
        assertTrue(b.output() > w.output(), b.output() + " vs " + w.output());
        Map<String, Double> byReasonB = attributions(b);
        Map<String, Double> byReasonW = attributions(w);
        java.util.Set<String> all = new java.util.HashSet<>(byReasonB.keySet());
        all.addAll(byReasonW.keySet());
        double diff = 0;
        for (String k : all) {
            diff += Math.abs(byReasonB.getOrDefault(k, 0.0) - byReasonW.getOrDefault(k, 0.0));
        }
        System.out.println("RankerExplainTest " + b.action() + ": " + b.reasons().subList(0, 3) + "\n  vs "
                + w.action() + ": " + w.reasons().subList(0, 3) + "; total |difference| " + diff);
        assertTrue(diff > 1e-3, "reasons differ between two actions: " + diff);
    }

    @Test
    void explainsTheRelatedRowsOfTheRecommendedAction() {
        List<List<RowCredit>> credits = ranker.explainRows(new int[] {4}, AS_OF, 3);
        assertEquals(1, credits.size());
        assertTrue(!credits.get(0).isEmpty() && credits.get(0).size() <= 3, credits.toString());
        credits.get(0).forEach(c -> assertEquals("offers", c.table()));
    }

    private static Map<String, Double> attributions(EntityExplanation e) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Reason r : e.reasons()) {
            out.merge(r.table() + "|" + r.description(), r.attribution(), Double::sum);
        }
        return out;
    }
}

package org.relgraph.models.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.models.fixtures.OfferHistory;
import org.relgraph.models.output.ScoreColumn;
import org.relgraph.models.output.ScoreTable;
import org.relgraph.models.rank.ActionSpace;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.table.Database;

class NextBestActionTableTest {
    private static final Database DB = OfferHistory.database(20, 1);
    private static final PredictiveQuery Q = PredictiveQuery.parse(OfferHistory.QUERY, DB.schema());

    private static List<String> names(ScoreTable t) {
        return t.columns().stream().map(ScoreColumn::name).toList();
    }

    @Test
    void bestActionPerEntityRankedByItsProbabilityWithChannelSplitOut() {
        ActionSpace space = new ActionSpace("offers", List.of("channel", "product"),
                List.of(List.of("app", "Loan"), List.of("email", "Savings"), List.of("email", "Loan")));
        double[][] p = {{0.1, 0.2, 0.05}, {0.7, 0.1, 0.3}, {0.01, 0.02, 0.4}, {0.3, 0.0, 0.0}};
        ScoreTable t = NextBestActionTable.build(Q, DB.table("customers"), new int[] {5, 6, 7, 8}, space, p,
                new ActionTiers(0.25, 0.5, ActionTiers.DEFAULT.labels()), 0);
        assertEquals(List.of("CUSTOMER_ID", "RECOMMENDED_ACTION", "PROPENSITY", "CHANNEL", "PRIORITY"), names(t));
        assertEquals("6", t.column(0).string(0));
        assertEquals("Loan", t.column(1).string(0));
        assertEquals(0.7, t.column(2).doubleValue(0));
        assertEquals("app", t.column(3).string(0));
        assertEquals("7", t.column(0).string(1));
        assertEquals("email", t.column(3).string(1));
        assertEquals(List.of("High", "Medium", "Low", "Low"), List.of(t.column(4).string(0), t.column(4).string(1),
                t.column(4).string(2), t.column(4).string(3)));
    }

    @Test
    void aOneComponentActionIsTheRecommendationEvenWhenItIsAChannel() {
        ActionSpace space = new ActionSpace("offers", List.of("channel"), List.of(List.of("app"), List.of("email")));
        ScoreTable t = NextBestActionTable.build(Q, DB.table("customers"), new int[] {0, 1}, space,
                new double[][] {{0.1, 0.2}, {0.3, 0.1}}, ActionTiers.DEFAULT, 1);
        assertEquals(List.of("CUSTOMER_ID", "RECOMMENDED_ACTION", "PROPENSITY", "PRIORITY"), names(t));
        assertEquals(1, t.rowCount());
        assertEquals("app", t.column(1).string(0));
    }

    @Test
    void withoutAChannelColumnAllComponentsFormTheRecommendation() {
        ActionSpace space = new ActionSpace("offers", List.of("product", "outcome"),
                List.of(List.of("Loan", "x"), List.of("Card", "y")));
        ScoreTable t = NextBestActionTable.build(Q, DB.table("customers"), new int[] {0}, space,
                new double[][] {{0.1, 0.2}}, ActionTiers.DEFAULT, 0);
        assertEquals(List.of("CUSTOMER_ID", "RECOMMENDED_ACTION", "PROPENSITY", "PRIORITY"), names(t));
        assertEquals("Card / y", t.column(1).string(0));
    }
}

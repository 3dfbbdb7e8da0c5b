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
                null, new ActionTiers(0.25, 0.5, ActionTiers.DEFAULT.labels()), 0);
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
                new double[][] {{0.1, 0.2}, {0.3, 0.1}}, null, ActionTiers.DEFAULT, 1);
        assertEquals(List.of("CUSTOMER_ID", "RECOMMENDED_ACTION", "PROPENSITY", "PRIORITY"), names(t));
        assertEquals(1, t.rowCount());
        assertEquals("app", t.column(1).string(0));
    }

    @Test
    void withoutAChannelColumnAllComponentsFormTheRecommendation() {
        ActionSpace space = new ActionSpace("offers", List.of("product", "outcome"),
                List.of(List.of("Loan", "x"), List.of("Card", "y")));
        ScoreTable t = NextBestActionTable.build(Q, DB.table("customers"), new int[] {0}, space,
                new double[][] {{0.1, 0.2}}, null, ActionTiers.DEFAULT, 0);
        assertEquals(List.of("CUSTOMER_ID", "RECOMMENDED_ACTION", "PROPENSITY", "PRIORITY"), names(t));
        assertEquals("Card / y", t.column(1).string(0));
    }

    @Test
    void onlyEligibleActionsAreRecommendedAndAnEntityLeftNoneGetsNoRow() {
        ActionSpace space = new ActionSpace("offers", List.of("channel", "product"),
                List.of(List.of("app", "Loan"), List.of("email", "Savings"), List.of("email", "Loan")));
        double[][] p = {{0.1, 0.2, 0.05}, {0.7, 0.1, 0.3}, {0.5, 0.5, 0.5}};
        // Entity 6 holds a loan: its best eligible action is Savings; entity 7 may be offered nothing.
        boolean[][] eligible = {{true, true, true}, {false, true, false}, {false, false, false}};
        ScoreTable t = NextBestActionTable.build(Q, DB.table("customers"), new int[] {5, 6, 7}, space, p,
                eligible, new ActionTiers(0.5, 1, ActionTiers.DEFAULT.labels()), 0);
        assertEquals(2, t.rowCount());
        assertEquals(List.of("5", "6"), List.of(t.column(0).string(0), t.column(0).string(1)));
        assertEquals(List.of("Savings", "Savings"), List.of(t.column(1).string(0), t.column(1).string(1)));
        assertEquals(0.1, t.column(2).doubleValue(1));
        assertEquals(List.of("High", "Medium"), List.of(t.column(4).string(0), t.column(4).string(1)));
    }

    @Test
    void perEntityListsTheBestKEligibleActionsWithPriorityWithinTheEntity() {
        ActionSpace space = new ActionSpace("offers", List.of("channel", "product"),
                List.of(List.of("app", "Loan"), List.of("email", "Savings"), List.of("email", "Loan")));
        double[][] p = {{0.1, 0.2, 0.05}, {0.7, 0.1, 0.3}, {0.5, 0.5, 0.5}};
        boolean[][] eligible = {{true, true, true}, {true, true, false}, {false, false, false}};
        ScoreTable t = NextBestActionTable.buildPerEntity(Q, DB.table("customers"), new int[] {5, 6, 7}, space, p,
                eligible, 2, 0);
        assertEquals(List.of("CUSTOMER_ID", "RECOMMENDED_ACTION", "PROPENSITY", "CHANNEL", "PRIORITY"), names(t));
        assertEquals(4, t.rowCount(), "two each for 6 and 5, none for 7");
        List<String> rows = new java.util.ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            rows.add(t.column(0).string(r) + " " + t.column(1).string(r) + " " + t.column(3).string(r) + " "
                    + t.column(4).integer(r));
        }
        assertEquals(List.of("6 Loan app 1", "6 Savings email 2", "5 Savings email 1", "5 Loan app 2"), rows);
        ScoreTable first = NextBestActionTable.buildPerEntity(Q, DB.table("customers"), new int[] {5, 6, 7}, space,
                p, eligible, 3, 1);
        assertEquals(2, first.rowCount(), "--top 1 keeps the best entity with all its eligible actions");
    }
}

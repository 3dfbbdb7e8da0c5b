package org.relgraph.models.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.models.fixtures.OfferHistory;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

class ActionSpaceTest {
    private static final Database DB = OfferHistory.database(60, 3);
    private static final TrainingSplits SPLITS = OfferHistory.splits(DB);

    private static ActionSpace space() {
        return ActionSpace.forArgMax(PredictiveQuery.parse(OfferHistory.QUERY, DB.schema()), DB, SPLITS.train());
    }

    @Test
    void actionIsTheTargetTablesCategoricalsExceptTheConditionsColumn() {
        ActionSpace s = space();
        assertEquals(List.of("channel", "product"), s.columns());
        // 4 channels × 3 products seen in training; sorted, so the order does not depend on the data's coding.
        assertEquals(12, s.size());
        assertEquals(List.of("app", "Card"), s.actions().get(0));
        assertEquals(0, s.channelComponent());
        assertEquals("app / Card", s.describe(0));
    }

    @Test
    void candidatesComeOnlyFromTrainingRowsNotFromLaterHistory() {
        ActionSpace s = space();
        assertFalse(s.actions().stream().anyMatch(a -> a.contains("Gold Card")),
                "Gold Card first appears after the training cut-off; it cannot be a candidate");
        // The test split does contain Gold Card offers: the lookup marks them as outside the space.
        Table offers = DB.table("offers");
        ActionSpace.Lookup lookup = s.lookup(offers);
        boolean sawGold = false;
        for (int i = 0; i < SPLITS.test().size(); i++) {
            int row = SPLITS.test().targetRow(i);
            if (offers.requireColumn("product").format(row).equals("Gold Card")) {
                assertEquals(-1, lookup.actionOf(row));
                sawGold = true;
            } else {
                assertTrue(lookup.actionOf(row) >= 0);
            }
        }
        assertTrue(sawGold, "the fixture's test window should contain Gold Card offers");
    }

    @Test
    void codesIndexEachComponentsDistinctValues() {
        ActionSpace s = space();
        assertEquals(List.of(4, 3), List.of(s.vocabulary()[0], s.vocabulary()[1]));
        int[][] codes = s.codes();
        for (int a = 0; a < s.size(); a++) {
            for (int b = 0; b < s.size(); b++) {
                boolean sameChannel = s.actions().get(a).get(0).equals(s.actions().get(b).get(0));
                assertEquals(sameChannel, codes[a][0] == codes[b][0]);
            }
        }
    }

    @Test
    void aTargetTableWithNothingButTheOutcomeIsRefusedWithAHint() {
        String q = "PREDICT ARGMAX(offers.outcome = 'Accepted' AND offers.channel = 'app' AND offers.product = 'Loan')"
                + " FOR EACH customers.customer_id";
        SchemaException e = assertThrows(SchemaException.class, () -> ActionSpace.forArgMax(
                PredictiveQuery.parse(q, DB.schema()), DB, SPLITS.train()));
        assertTrue(e.getMessage().contains("no categorical column"), e.getMessage());
    }
}

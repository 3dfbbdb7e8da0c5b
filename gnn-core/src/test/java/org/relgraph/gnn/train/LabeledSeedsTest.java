package org.relgraph.gnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.table.Database;

class LabeledSeedsTest {
    @Test
    void inputsAreSeenAsOfTheCutoffButNeverBeforeTheEntityExists() {
        Database db = ShopData.database(40, 5);
        long anchor = ShopData.START + 100 * ShopData.DAY;
        long cutoff = ShopData.START - 100 * ShopData.DAY;
        TrainingTable table = new TrainingTableBuilder(db, ShopData.query(db)).build("val", List.of(anchor));
        long[] created = HeteroGraph.build(db).nodeTimes("customers");

        LabeledSeeds plain = LabeledSeeds.from(table, GnnConfig.defaults(), created);
        LabeledSeeds capped = LabeledSeeds.from(table, GnnConfig.defaults().withInputCutoffMs(cutoff), created);
        int cappedAtCutoff = 0;
        for (int i = 0; i < table.size(); i++) {
            assertEquals(anchor, plain.times()[i]);
            assertEquals(Math.max(cutoff, created[table.entityRow(i)]), capped.times()[i]);
            assertEquals(table.label(i), capped.labels()[i], "labels still come from the anchor's window");
            cappedAtCutoff += capped.times()[i] == cutoff ? 1 : 0;
        }
        // Customers are created during the year before START, so the cutoff splits them.
        org.junit.jupiter.api.Assertions.assertTrue(cappedAtCutoff > 0 && cappedAtCutoff < table.size());
    }
}

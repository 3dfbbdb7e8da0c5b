package org.relgraph.models.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.nn.Aggregation;
import org.relgraph.gnn.nn.ConvKind;
import org.relgraph.schema.SchemaException;

class SearchSpaceTest {
    @Test
    void theDefaultSpaceHoldsEachGatModelOnceAndCutsFanoutsToTheLayers() {
        List<GnnConfig> all = SearchSpace.DEFAULTS.configs(GnnConfig.defaults());
        // 2 hidden × 2 layers × 2 fanouts × 3 lr × 3 dropout × (2 SAGE aggregations + 1 GAT) = 216.
        assertEquals(216, all.size());
        assertTrue(all.stream().filter(c -> c.conv() == ConvKind.GAT)
                .allMatch(c -> c.aggregation() == Aggregation.SUM));
        assertTrue(all.stream().allMatch(c -> c.fanouts().length == c.layers()));
        assertTrue(all.stream().anyMatch(c -> java.util.Arrays.equals(c.fanouts(), new int[] {20, 10})));
        assertTrue(all.stream().anyMatch(c -> java.util.Arrays.equals(c.fanouts(), new int[] {20, 10, 5})));
    }

    @Test
    void narrowingADimensionNarrowsTheSpaceAndTheRestComesFromTheBase() {
        SearchSpace one = SearchSpace.DEFAULTS.withHidden(List.of(32)).withLayers(List.of(2))
                .withFanouts(List.of(List.of(6, 3))).withLearningRates(List.of(0.01)).withDropouts(List.of(0.0))
                .withAggregations(List.of(Aggregation.MEAN)).withConvs(List.of(ConvKind.SAGE));
        GnnConfig base = GnnConfig.defaults().withBatchSize(64).withSeed(9);
        List<GnnConfig> configs = one.configs(base);
        assertEquals(1, configs.size());
        GnnConfig c = configs.get(0);
        assertEquals(32, c.hidden());
        assertArrayEquals(new int[] {6, 3}, c.fanouts());
        assertEquals(Aggregation.MEAN, c.aggregation());
        assertEquals(64, c.batchSize());
        assertEquals(9, c.seed());
        assertEquals(List.of(c), one.sample(base, 5, 1), "a space smaller than the trials is searched whole");
        assertEquals(2, SearchSpace.DEFAULTS.withHidden(List.of(64, 64, 128)).hidden().size(), "repeats dropped");
    }

    @Test
    void aSpaceThatCannotBeSearchedIsRefusedNamingTheOption() {
        SchemaException empty = assertThrows(SchemaException.class,
                () -> SearchSpace.DEFAULTS.withConvs(List.of()).check());
        assertEquals("--conv has no values to search", empty.getMessage());
        assertTrue(empty.hint().contains("e.g. --conv sage,gat"), empty.hint());
        SchemaException shallow = assertThrows(SchemaException.class,
                () -> SearchSpace.DEFAULTS.withFanouts(List.of(List.of(10, 5))).check());
        assertEquals("--fanouts 10,5 has 2 hops but --layers goes up to 3", shallow.getMessage());
        assertTrue(shallow.hint().contains("--fanouts 10,5,5"), shallow.hint());
        assertEquals("--dropout must be at least 0 and below 1, got 1.0", assertThrows(SchemaException.class,
                () -> SearchSpace.DEFAULTS.withDropouts(List.of(0.1, 1.0)).check()).getMessage());
        assertEquals("--hidden must be at least 1, got 0", assertThrows(SchemaException.class,
                () -> SearchSpace.DEFAULTS.withHidden(List.of(0)).check()).getMessage());
        assertEquals("--eta must be at least 2, got 1", assertThrows(SchemaException.class,
                () -> new HalvingSchedule(9, 1, 2, 20)).getMessage());
    }

    @Test
    void budgetsAreReadWithTheirUnitsAndAnythingElseIsRefusedNamingTheOption() {
        assertEquals(Duration.ofMinutes(20), TimeBudget.parse("--budget", "20m"));
        assertEquals(Duration.ofMinutes(90), TimeBudget.parse("--budget", "1h30m"));
        assertEquals(Duration.ofSeconds(45), TimeBudget.parse("--budget", " 45S "));
        assertEquals(Duration.ofHours(2), TimeBudget.parse("--budget", "2h"));
        for (String bad : new String[] {"20", "20 minutes", "m", "", "1.5h", "-5m"}) {
            SchemaException e = assertThrows(SchemaException.class, () -> TimeBudget.parse("--budget", bad), bad);
            assertEquals("--budget '" + bad + "' is not a time", e.getMessage());
            assertTrue(e.hint().contains("--budget 20m"), e.hint());
        }
        assertEquals("--budget must be more than 0, got '0m'", assertThrows(SchemaException.class,
                () -> TimeBudget.parse("--budget", "0m")).getMessage());
    }
}

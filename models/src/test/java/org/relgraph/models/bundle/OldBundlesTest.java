package org.relgraph.models.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelLoader;
import org.relgraph.table.Database;

/**
 * Bundles written by relgraph before the bundle manifest was unified ({@link OldBundleWriter}, main at 4cd703d)
 * still load through {@link ModelLoader} and give the scores they gave when they were written.
 */
class OldBundlesTest {
    private static final Path OLD = Path.of("src/test/resources/old-bundles");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gnn, bank, gnn", "rules, bank, rules", "gnn-ranker, offers, gnn", "flat-xgboost, offers, flat-xgboost",
            "cf, offers, cf"})
    void loadsAndScoresAsWhenItWasWritten(String bundle, String data, String kind) throws Exception {
        JsonNode expected = new ObjectMapper().readTree(OLD.resolve("expected-scores.json").toFile()).get(bundle);
        double[] want = new double[expected.size()];
        for (int i = 0; i < want.length; i++) {
            want[i] = expected.get(i).asDouble();
        }
        boolean bank = data.equals("bank");
        Database db = bank ? OldBundleWriter.bank() : OldBundleWriter.offers();
        try (EntityModel m = ModelLoader.load(OLD.resolve(bundle), db)) {
            assertEquals(kind, m.kind());
            assertArrayEquals(want, m.score(OldBundleWriter.ENTITIES,
                    bank ? OldBundleWriter.BANK_AS_OF : OldBundleWriter.OFFERS_AS_OF), 1e-12);
        }
    }
}

package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.models.gnn.ModelBundle;

/**
 * A bundle written by relgraph before the model config came in parts (main of 2026-12-07: {@code relgraph train
 * --data <generate bank --customers 200> --train-anchors 2 --epochs 1 --hidden 4 --layers 1 --fanouts 2,2
 * --no-child-summaries --input-cutoff 2023-10-01 --exclude-tables transactions,account_balances}, the mortgage
 * query) still loads with the same settings and scores the same as that relgraph's {@code predict --as-of
 * 2024-06-30} did (the CSV beside it).
 */
class MainBundleCompatibilityTest {
    private static final Path BUNDLE = resource("bundles/gnn-main-2026-12-07");

    @TempDir
    Path tmp;

    @Test
    void itsFlatConfigLoadsAsTheSameSettingsInParts() throws Exception {
        GnnConfig config = ModelBundle.load(BUNDLE).config();
        GnnConfig expected = GnnConfig.defaults().withHidden(4).withFanouts(2, 2).withLayers(1).withEpochs(1)
                .withChildSummaries(false).withInputCutoffMs(java.time.Instant.parse("2023-10-01T00:00:00Z")
                        .toEpochMilli());
        assertEquals(expected, config);
    }

    @Test
    void itScoresAsTheRelgraphThatWroteItDid() throws Exception {
        Path bank = tmp.resolve("bank");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "200", "--out",
                bank.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
        Path scores = tmp.resolve("scores.csv");
        RelgraphCommandTest.Run p = new RelgraphCommandTest.Run("predict", "--model", BUNDLE.toString(), "--data",
                bank.toString(), "--as-of", "2024-06-30", "--out", scores.toString(), "--show", "0");
        assertEquals(0, p.code, p.err);
        List<String> want = Files.readAllLines(resource("bundles/gnn-main-2026-12-07-scores-2024-06-30.csv"));
        List<String> got = Files.readAllLines(scores);
        assertEquals(want.size(), got.size());
        assertEquals(want.get(0), got.get(0));
        for (int i = 1; i < want.size(); i++) {
            String[] w = want.get(i).split(",");
            String[] s = got.get(i).split(",");
            assertEquals(w[0], s[0], "row " + i);
            assertEquals(Double.parseDouble(w[2]), Double.parseDouble(s[2]), 1e-9, "row " + i);
            assertEquals(w[4], s[4], "row " + i);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(MainBundleCompatibilityTest.class.getClassLoader().getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

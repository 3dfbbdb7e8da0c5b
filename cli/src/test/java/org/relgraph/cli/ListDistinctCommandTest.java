package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LIST_DISTINCT through the CLI with the GNN: train on a small bank, evaluate, write CF's recommendation table. */
class ListDistinctCommandTest {
    static final String NEXT_PRODUCTS = "PREDICT LIST_DISTINCT(PRODUCT_HOLDINGS.PRODUCT_ID, 0, 6, months) "
            + "RANK TOP 3 FOR EACH CUSTOMERS.CUSTOMER_ID";

    @TempDir
    static Path tmp;
    static Path bank;
    static Path model;
    static RelgraphCommandTest.Run train;

    @BeforeAll
    static void trainOnce() {
        bank = tmp.resolve("bank");
        model = tmp.resolve("ld");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "400",
                "--out", bank.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
        train = new RelgraphCommandTest.Run("train", "--data", bank.toString(), "--query", NEXT_PRODUCTS,
                "--train-anchors", "6", "--epochs", "2", "--hidden", "16", "--fanouts", "5,3", "--batch-size", "256",
                "--out", model.toString());
        assertEquals(0, train.code, train.err);
    }

    @Test
    void trainRanksTheReferencedProductsAndReportsCfsMetricsAndPopularity() {
        assertTrue(train.out.contains("candidate referenced rows [product_id]"), train.out);
        assertTrue(train.out.matches("(?s).*test_map@3\\s+0\\.\\d{4}.*"), train.out);
        assertTrue(train.out.contains("test_popularity_map@3"), train.out);
    }

    @Test
    void evaluateRebuildsTheSplit() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("evaluate", "--model", model.toString(),
                "--data", bank.toString(), "--split", "val");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("candidate referenced rows"), r.out);
        assertTrue(r.out.matches("(?s).*map@3\\s+0\\.\\d{4}.*"), r.out);
        assertTrue(r.out.contains("recall@3"), r.out);
    }

    @Test
    void predictWritesTheRecommendationTable() throws Exception {
        Path csv = tmp.resolve("ld.csv");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--as-of", "2024-06-30", "--out", csv.toString(), "--show", "3");
        assertEquals(0, r.code, r.err);
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("CUSTOMER_ID,RECOMMENDATION_1,RECOMMENDATION_2,RECOMMENDATION_3,"),
                lines.get(0));
        assertTrue(lines.size() > 50, "every customer gets a list: " + lines.size());
        String[] first = lines.get(1).split(",");
        assertEquals(3, List.of(first[1], first[2], first[3]).stream().distinct().count(), lines.get(1));
        for (int j = 1; j <= 3; j++) {
            int product = Integer.parseInt(first[j]);
            assertTrue(product >= 1 && product <= 6, "a product_catalog key: " + lines.get(1));
        }
    }
}

package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leakage audit through the CLI, on a folder with a planted leak: every purchase comes with a standing order in a
 * table without a time column, so the standing orders tell at every anchor who is going to buy.
 */
class LeakageAuditCommandTest {
    static final String QUERY = "PREDICT COUNT(purchases.*, 0, 30, days) > 0 FOR EACH customers.customer_id";
    @TempDir
    static Path tmp;
    static Path shop;

    @BeforeAll
    static void leakyShop() throws IOException {
        shop = tmp.resolve("shop");
        Files.createDirectories(shop);
        Random random = new Random(5);
        StringBuilder customers = new StringBuilder("customer_id,region_id,age\n");
        StringBuilder purchases = new StringBuilder("purchase_id,customer_id,ts\n");
        StringBuilder orders = new StringBuilder("order_id,customer_id,amount\n");
        long start = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        int n = 0;
        for (int c = 0; c < 2000; c++) {
            customers.append(c).append(',').append(random.nextInt(5)).append(',').append(20 + random.nextInt(50))
                    .append('\n');
            if (random.nextBoolean()) {
                Instant t = Instant.ofEpochMilli(start + random.nextInt(360) * 86_400_000L);
                purchases.append(n).append(',').append(c).append(',').append(t).append('\n');
                orders.append(n).append(',').append(c).append(',').append(100 + random.nextInt(900)).append('\n');
                n++;
            }
        }
        Files.writeString(shop.resolve("regions.csv"), "region_id,name\n0,north\n1,south\n2,east\n3,west\n4,centre\n");
        Files.writeString(shop.resolve("customers.csv"), customers);
        Files.writeString(shop.resolve("purchases.csv"), purchases);
        Files.writeString(shop.resolve("standing_orders.csv"), orders);
        Files.writeString(shop.resolve("schema.yaml"), """
                tables:
                  - name: regions
                    primary_key: region_id
                    columns: {region_id: id, name: categorical}
                  - name: customers
                    primary_key: customer_id
                    columns: {customer_id: id, region_id: id, age: numerical}
                    foreign_keys:
                      - {column: region_id, references: regions}
                  - name: purchases
                    primary_key: purchase_id
                    time_column: ts
                    columns: {purchase_id: id, customer_id: id, ts: timestamp}
                    foreign_keys:
                      - {column: customer_id, references: customers}
                  - name: standing_orders
                    primary_key: order_id
                    columns: {order_id: id, customer_id: id, amount: numerical}
                    foreign_keys:
                      - {column: customer_id, references: customers}
                """);
    }

    @Test
    void baselineWarnsAboutTheTimelessLeakAndEvaluateRepeatsTheWarningFromTheBundle() {
        Path model = tmp.resolve("flat");
        RelgraphCommandTest.Run fit = new RelgraphCommandTest.Run("baseline", "--kind", "flat-xgboost", "--data",
                shop.toString(), "--query", QUERY, "--train-anchors", "4", "--out", model.toString());
        assertEquals(0, fit.code, fit.err);
        assertTrue(fit.out.contains("Leakage audit (val auroc"), fit.out);
        assertTrue(fit.out.contains("WARNING: table standing_orders has no time column and the model leans on it"),
                fit.out);
        assertFalse(fit.out.contains("WARNING: table regions"), fit.out);
        assertFalse(fit.out.contains("audit_flag_standing_orders"), "the findings print once, as a block: " + fit.out);

        RelgraphCommandTest.Run eval = new RelgraphCommandTest.Run("evaluate", "--model", model.toString(), "--data",
                shop.toString(), "--split", "val");
        assertEquals(0, eval.code, eval.err);
        assertTrue(eval.out.contains("WARNING (leakage audit at training): table standing_orders has no time column"),
                eval.out);
    }

    @Test
    void theAuditCanBeTurnedOff() {
        RelgraphCommandTest.Run fit = new RelgraphCommandTest.Run("baseline", "--kind", "flat-xgboost", "--data",
                shop.toString(), "--query", QUERY, "--train-anchors", "2", "--no-leakage-audit", "--out",
                tmp.resolve("quiet").toString());
        assertEquals(0, fit.code, fit.err);
        assertFalse(fit.out.contains("Leakage audit"), fit.out);
    }
}

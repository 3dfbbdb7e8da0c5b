package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.source.DataSources;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Database;

/**
 * The codes Spark gives a text column's values are the single-machine loader's dictionary codes (first appearance
 * in file order), whether numbered on the driver (few values) or by the executors (many): on a generated bank's
 * categoricals (channel, merchant category) and its free-text names (every customer's, repeats included).
 */
class CategoryCodesTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path bank;
    static Database loaded;
    static SparkTables tables;

    @BeforeAll
    static void start() throws IOException {
        spark = LocalSpark.session();
        bank = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(300, 5)).generate(bank);
        loaded = DataSources.open(bank.toString()).load().database();
        tables = new SparkTables(spark, bank, SparkTables.readSchema(bank, null));
    }

    @Test
    void codesAreTheLoadersDictionaryOnTheDriverAndOnTheExecutors() {
        for (String[] c : new String[][] {{"interaction_history", "channel"}, {"transactions", "merchant_category"},
                {"customers", "name"}}) {
            List<String> want = ((CategoricalColumn) loaded.table(c[0]).requireColumn(c[1])).dictionary();
            assertTrue(want.size() >= 4, c[1] + ": " + want);
            // sorted, the values would be numbered otherwise: the check can tell the orders apart
            assertNotEquals(want.stream().sorted().toList(), want, c[1]);
            assertEquals(want, codes(c[0], c[1], CategoryCodes.DRIVER_LIMIT), c[1] + " numbered on the driver");
            assertEquals(want, codes(c[0], c[1], 2), c[1] + " numbered by the executors");
        }
    }

    /** The values in code order, checking the codes are 0..n-1. */
    private static List<String> codes(String table, String column, int driverLimit) {
        List<Row> rows = CategoryCodes.of(tables.table(table), column, driverLimit).orderBy(CategoryCodes.CODE)
                .collectAsList();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, rows.get(i).getDouble(1), 0.0, table + "." + column);
            values.add(rows.get(i).getString(0));
        }
        return values;
    }
}

package org.relgraph.gnn.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.gnn.encode.TestTables.booleans;
import static org.relgraph.gnn.encode.TestTables.categorical;
import static org.relgraph.gnn.encode.TestTables.ms;
import static org.relgraph.gnn.encode.TestTables.numeric;
import static org.relgraph.gnn.encode.TestTables.numerical;
import static org.relgraph.gnn.encode.TestTables.rows;
import static org.relgraph.gnn.encode.TestTables.strings;
import static org.relgraph.gnn.encode.TestTables.table;
import static org.relgraph.gnn.encode.TestTables.text;
import static org.relgraph.gnn.encode.TestTables.timestamps;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SemanticType;
import org.relgraph.table.Table;

class EncodingJsonTest {
    private static final long CUTOFF = ms("2024-12-31T00:00:00Z");

    private static Table accounts() {
        return table("accounts", "opened",
                timestamps("opened", "2024-01-05T09:15:00Z", "2024-02-10T00:00:00Z", "2024-03-01T23:00:00Z",
                        "2024-04-01T00:00:00Z"),
                numerical("balance", 12.5, 0.1, null, 1e7),
                booleans("active", true, null, false, true),
                categorical("branch", "north", "south", "north", "south"),
                text("memo", "first deposit", null, "salary", "SALARY march"));
    }

    @Test
    void aReadBackEncodingProducesIdenticalInputs(@TempDir Path dir) throws Exception {
        Table t = accounts();
        DatabaseEncoding fitted = new DatabaseEncoding(List.of(TableEncoding.fit(t, CUTOFF)));
        Path file = dir.resolve("encoding.json");
        EncodingJson.write(fitted, file);
        DatabaseEncoding loaded = EncodingJson.read(file);

        assertEquals(fitted, loaded, "every statistic and vocabulary survives");
        long[] seeds = {ms("2024-05-01T00:00:00Z"), ms("2024-06-01T00:00:00Z"), ms("2024-07-01T00:00:00Z"),
                ms("2024-08-01T12:00:00Z")};
        EncodedBatch before = fitted.table("accounts").bind(t).encode(rows(4), seeds);
        EncodedBatch after = loaded.table("ACCOUNTS").bind(t).encode(rows(4), seeds);
        assertArrayEquals(numeric(before), numeric(after));
        assertArrayEquals(before.categoryCodes(0), after.categoryCodes(0));
        assertEquals(before.layout(), after.layout());
    }

    @Test
    void theJsonNamesEachColumnsEncodingKind() {
        String json = EncodingJson.toJson(new DatabaseEncoding(List.of(TableEncoding.fit(accounts(), CUTOFF))));
        for (String kind : List.of("\"timestamp\"", "\"numerical\"", "\"boolean\"", "\"categorical\"", "\"text_hash\"")) {
            assertTrue(json.contains("\"kind\" : " + kind), kind + " missing from " + json);
        }
        assertTrue(json.contains("\"formatVersion\" : 1"));
    }

    @Test
    void rareValueHashesRoundTripAndABundleWrittenBeforeThemStillLoads() {
        DatabaseEncoding fitted = new DatabaseEncoding(List.of(TableEncoding.fit(accounts(), CUTOFF)));
        String json = EncodingJson.toJson(fitted);
        assertEquals(fitted, EncodingJson.fromJson(json));
        assertTrue(json.contains("\"rareValueHashes\""), json);
        String older = json.replaceAll(",\\s*\"rareValueHashes\"\\s*:\\s*\\[[^\\]]*\\]", "");
        assertTrue(!older.contains("rareValueHashes"), older);
        CategoricalEncoding branch = EncodingJson.fromJson(older).tables().get(0).columns().stream()
                .filter(c -> c instanceof CategoricalEncoding).map(c -> (CategoricalEncoding) c).findFirst()
                .orElseThrow();
        assertEquals(null, branch.rareValueHashes(), "unknown, so new and rare values are reported together");
    }

    @Test
    void aMissingColumnIsNamedWithAHint() {
        TableEncoding enc = TableEncoding.fit(accounts(), CUTOFF);
        Table withoutBalance = table("accounts", "opened",
                timestamps("opened", "2024-01-05T09:15:00Z"), booleans("active", true),
                categorical("branch", "north"), text("memo", "x"));
        SchemaException e = assertThrows(SchemaException.class, () -> enc.bind(withoutBalance));
        assertTrue(e.getMessage().contains("column accounts.balance is missing"), e.getMessage());
        assertTrue(e.hint().contains("retrain"), e.hint());
    }

    @Test
    void aColumnWhoseTypeChangedIsRefused() {
        TableEncoding enc = TableEncoding.fit(accounts(), CUTOFF);
        Table branchAsText = table("accounts", "opened",
                timestamps("opened", "2024-01-05T09:15:00Z"), numerical("balance", 1.0), booleans("active", true),
                strings("branch", SemanticType.TEXT, "north"), text("memo", "x"));
        SchemaException e = assertThrows(SchemaException.class, () -> enc.bind(branchAsText));
        assertTrue(e.getMessage().contains("accounts.branch") && e.getMessage().contains("text")
                && e.getMessage().contains("categorical"), e.getMessage());
        assertTrue(e.hint().contains("schema.yaml"), e.hint());
    }

    @Test
    void newCategoriesAndExtraColumnsInAReloadedTableAreTolerated() {
        TableEncoding enc = TableEncoding.fit(accounts(), CUTOFF);
        Table reloaded = table("accounts", "opened",
                timestamps("opened", "2025-01-05T00:00:00Z", "2025-01-06T00:00:00Z"),
                numerical("balance", 1.0, 2.0), booleans("active", true, false),
                categorical("branch", "east", "south"), text("memo", "x", "y"),
                numerical("new_score", 0.3, 0.4));
        EncodedBatch b = enc.bind(reloaded).encode(rows(2), ms("2025-02-01T00:00:00Z"));
        assertArrayEquals(new int[] {CategoricalEncoding.UNKNOWN_CODE, 3}, b.categoryCodes(0));
        assertEquals(enc.layout().numericWidth(), b.numeric().columns());
    }

    @Test
    void unreadableOrOtherVersionFilesAreRefused() {
        SchemaException bad = assertThrows(SchemaException.class, () -> EncodingJson.fromJson("{not json"));
        assertTrue(bad.hint().contains("re-export or retrain"), bad.hint());

        String json = EncodingJson.toJson(new DatabaseEncoding(List.of(TableEncoding.fit(accounts(), CUTOFF))));
        SchemaException version = assertThrows(SchemaException.class,
                () -> EncodingJson.fromJson(json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 99")));
        assertTrue(version.getMessage().contains("99"), version.getMessage());
    }

    @Test
    void anUnknownTableIsNamedWithTheKnownOnes() {
        DatabaseEncoding enc = new DatabaseEncoding(List.of(TableEncoding.fit(accounts(), CUTOFF)));
        SchemaException e = assertThrows(SchemaException.class, () -> enc.table("loans"));
        assertTrue(e.getMessage().contains("loans") && e.hint().contains("accounts"), e.userMessage());
    }
}

package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loan bank with a planted leak: standing orders have no time, and every account that ever takes a loan has a
 * loan-payment order, visible at every anchor. Districts have no time either but are declared {@code static: true}.
 * The commands must name the orders table before a model sees it, not the district table, and a model trained
 * without the orders must be scored without them.
 */
class TimelessTablesCommandTest {
    static final String LOAN = "PREDICT COUNT(loan.*, 0, 6, months) > 0 FOR EACH account.account_id "
            + "WHERE COUNT(loan.*, -120, 0, months) = 0";

    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void writeLoanBank() throws Exception {
        data = tmp.resolve("loans");
        Files.createDirectories(data);
        Random random = new Random(11);
        List<String> districts = new ArrayList<>(List.of("district_id,region"));
        for (int d = 1; d <= 8; d++) {
            districts.add(d + "," + (d % 2 == 0 ? "north" : "south"));
        }
        List<String> accounts = new ArrayList<>(List.of("account_id,district_id,opened"));
        List<String> loans = new ArrayList<>(List.of("loan_id,account_id,granted,amount"));
        List<String> orders = new ArrayList<>(List.of("order_id,account_id,k_symbol,amount"));
        List<String> trans = new ArrayList<>(List.of("trans_id,account_id,date,amount"));
        LocalDate start = LocalDate.of(2018, 1, 1);
        int order = 1;
        int tx = 1;
        for (int a = 1; a <= 400; a++) {
            LocalDate opened = start.plusDays(random.nextInt(365));
            accounts.add(a + "," + (1 + random.nextInt(8)) + "," + opened);
            for (int t = 0; t < 4; t++) {
                trans.add(tx++ + "," + a + "," + opened.plusDays(30L + random.nextInt(900)) + ","
                        + (10 + random.nextInt(500)));
            }
            if (random.nextInt(3) == 0) {
                orders.add(order++ + "," + a + ",household," + (50 + random.nextInt(200)));
            }
            if (random.nextInt(3) == 0) {
                loans.add(loans.size() + "," + a + "," + opened.plusDays(200L + random.nextInt(700)) + ",10000");
                orders.add(order++ + "," + a + ",loan payment,400");
            }
        }
        Files.write(data.resolve("district.csv"), districts);
        Files.write(data.resolve("account.csv"), accounts);
        Files.write(data.resolve("loan.csv"), loans);
        Files.write(data.resolve("orders.csv"), orders);
        Files.write(data.resolve("trans.csv"), trans);
        Files.writeString(data.resolve("schema.yaml"), schema(true));
    }

    static String schema(boolean districtStatic) {
        return String.join("\n", "tables:",
                "  - name: district",
                "    primary_key: district_id",
                districtStatic ? "    static: true" : "",
                "    columns: {district_id: id, region: categorical}",
                "  - name: account",
                "    primary_key: account_id",
                "    time_column: opened",
                "    columns: {account_id: id, district_id: id, opened: timestamp}",
                "    foreign_keys: [{column: district_id, references: district}]",
                "  - name: loan",
                "    primary_key: loan_id",
                "    time_column: granted",
                "    columns: {loan_id: id, account_id: id, granted: timestamp, amount: numerical}",
                "    foreign_keys: [{column: account_id, references: account}]",
                "  - name: orders",
                "    primary_key: order_id",
                "    columns: {order_id: id, account_id: id, k_symbol: categorical, amount: numerical}",
                "    foreign_keys: [{column: account_id, references: account}]",
                "  - name: trans",
                "    primary_key: trans_id",
                "    time_column: date",
                "    columns: {trans_id: id, account_id: id, date: timestamp, amount: numerical}",
                "    foreign_keys: [{column: account_id, references: account}]", "");
    }

    private static RelgraphCommandTest.Run run(String... args) {
        return new RelgraphCommandTest.Run(args);
    }

    @Test
    void queryNamesThePlantedLeakTableWithItsPathAndNotTheStaticOne() throws Exception {
        RelgraphCommandTest.Run r = run("query", "--data", data.toString(), "--query", LOAN);
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("warning: 1 table without a time column is within 2 hops of account"), r.out);
        assertTrue(r.out.contains("  orders  account <-[account_id]- orders"), r.out);
        assertTrue(r.out.contains("including rows created after it"), r.out);
        assertTrue(r.out.contains("--exclude-tables orders"), r.out);
        assertTrue(r.out.contains("orders has one dated parent, account: time_from: account_id"), r.out);
        assertFalse(r.out.lines().anyMatch(l -> l.startsWith("  district")), r.out);

        Path schema = tmp.resolve("district-not-static.yaml");
        Files.writeString(schema, schema(false));
        RelgraphCommandTest.Run undeclared = run("query", "--data", data.toString(), "--schema", schema.toString(),
                "--query", LOAN);
        assertEquals(0, undeclared.code, undeclared.err);
        assertTrue(undeclared.out.contains("  district  account -[district_id]-> district"), undeclared.out);
    }

    @Test
    void inspectListsEveryTimelessTableHowItConnectsAndTheStaticOnes() {
        RelgraphCommandTest.Run r = run("inspect", "--data", data.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("Tables without a time column"), r.out);
        assertTrue(r.out.contains("  orders  orders -[account_id]-> account"), r.out);
        assertTrue(r.out.contains("Declared static (static: true, not warned about): district"), r.out);
        assertTrue(r.out.contains("none (static: true)"), r.out);
    }

    @Test
    void inspectInferSchemaSuggestsTimeFromForATableWithOneDatedParent() throws Exception {
        Path folder = tmp.resolve("raw");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("races.csv"), "race_id,date\n1,2020-01-05\n2,2020-02-05\n");
        Files.writeString(folder.resolve("results.csv"), "result_id,race_id,position\n1,1,3\n2,1,1\n3,2,2\n");
        RelgraphCommandTest.Run r = run("inspect", "--data", folder.toString(), "--infer-schema");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("results has no time column and one dated parent, races"), r.out);
        assertTrue(Files.readString(folder.resolve("schema.yaml")).contains("  # time_from: race_id"));
    }

    @Test
    void excludedTablesAreRecordedInTheBundleAndLeftOutWhenScoring() throws Exception {
        Path model = tmp.resolve("gnn");
        RelgraphCommandTest.Run t = run("train", "--data", data.toString(), "--query", LOAN, "--exclude-tables",
                "orders", "--train-anchors", "2", "--epochs", "1", "--hidden", "8", "--fanouts", "3,2", "--out",
                model.toString());
        assertEquals(0, t.code, t.err);
        assertFalse(t.out.contains("warning:"), "nothing timeless is left in reach: " + t.out);
        assertTrue(t.err.contains("leaving out orders"), t.err);
        assertTrue(Files.readString(model.resolve("bundle.json")).matches("(?s).*\"excludedTables\"\\s*:\\s*\\[\\s*"
                + "\"orders\"\\s*].*"));

        RelgraphCommandTest.Run p = run("predict", "--model", model.toString(), "--data", data.toString(),
                "--show", "2");
        assertEquals(0, p.code, p.err);
        assertTrue(p.err.contains("leaving out orders"), p.err);
        RelgraphCommandTest.Run e = run("evaluate", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, e.code, e.err);
        RelgraphCommandTest.Run same = run("predict", "--model", model.toString(), "--data", data.toString(),
                "--exclude-tables", "ORDERS", "--show", "0");
        assertEquals(0, same.code, same.err);

        RelgraphCommandTest.Run other = run("predict", "--model", model.toString(), "--data", data.toString(),
                "--exclude-tables", "trans");
        assertEquals(2, other.code, other.err);
        assertTrue(other.err.contains("error: --exclude-tables trans differs from the tables the model at "
                + model + " was trained without (orders)"), other.err);
        assertTrue(other.err.contains("hint: drop --exclude-tables"), other.err);
    }

    @Test
    void aBaselineBundleRecordsItsExcludedTablesAndAnOldBundleWithoutTheFieldStillLoads() throws Exception {
        Path model = tmp.resolve("gbdt");
        RelgraphCommandTest.Run b = run("baseline", "--kind", "flat-xgboost", "--data", data.toString(), "--query",
                LOAN, "--exclude-tables", "orders", "--train-anchors", "2", "--threads", "1", "--out",
                model.toString());
        assertEquals(0, b.code, b.err);
        assertFalse(b.out.contains("warning:"), b.out);
        RelgraphCommandTest.Run p = run("predict", "--model", model.toString(), "--data", data.toString(),
                "--show", "0");
        assertEquals(0, p.code, p.err);
        assertTrue(p.err.contains("leaving out orders"), p.err);

        Path old = tmp.resolve("old-bundle");
        RelgraphCommandTest.Run full = run("baseline", "--kind", "entity-gbdt", "--data", data.toString(),
                "--query", LOAN, "--train-anchors", "2", "--threads", "1", "--out", old.toString());
        assertEquals(0, full.code, full.err);
        String info = Files.readString(old.resolve("bundle.json"));
        String stripped = info.replaceAll(",\\s*\"excludedTables\"\\s*:\\s*\\[\\s*]", "");
        assertFalse(stripped.contains("excludedTables"), stripped);
        Files.writeString(old.resolve("bundle.json"), stripped);
        rewriteChecksums(old);
        RelgraphCommandTest.Run scored = run("predict", "--model", old.toString(), "--data", data.toString(),
                "--show", "0");
        assertEquals(0, scored.code, scored.err);
        assertFalse(scored.err.contains("leaving out"), scored.err);
    }

    @Test
    void badExcludeTablesAreOneLineErrors() {
        RelgraphCommandTest.Run unknown = run("query", "--data", data.toString(), "--query", LOAN,
                "--exclude-tables", "order");
        assertEquals(2, unknown.code, unknown.err);
        assertTrue(unknown.errorLines().get(0).equals("error: cannot leave out table 'order': the data has no table "
                + "of that name"), unknown.err);
        assertTrue(unknown.errorLines().get(1).contains("did you mean 'orders'?"), unknown.err);

        RelgraphCommandTest.Run target = run("train", "--data", data.toString(), "--query", LOAN,
                "--exclude-tables", "loan", "--out", tmp.resolve("never").toString());
        assertEquals(2, target.code, target.err);
        assertTrue(target.err.contains("table loan was left out of the data (--exclude-tables), but the query "
                + "reads it"), target.err);
        assertTrue(!target.err.contains("\tat "), target.err);
    }

    /** Recomputes checksums.sha256 after a test edited a bundle file, as an older relgraph would have written it. */
    private static void rewriteChecksums(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("checksums.sha256"))) {
            String file = line.trim().split("\\s+", 2)[1];
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(dir.resolve(file)));
            lines.add(HexFormat.of().formatHex(digest) + "  " + file);
        }
        Files.write(dir.resolve("checksums.sha256"), lines);
    }
}

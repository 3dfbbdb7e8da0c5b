package org.relgraph.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.schema.ForeignKey;
import org.relgraph.source.CsvFolder;
import org.relgraph.source.LoadOptions;
import org.relgraph.table.Database;
import org.relgraph.table.KeyIndex;

class DatabaseValidatorTest {
    @TempDir
    Path dir;

    private static final LoadOptions DROP = new LoadOptions(DanglingPolicy.DROP);

    /** customers ← accounts ← transactions, with the given account and transaction rows. */
    private CsvFolder bank(String[] accounts, String[] transactions) {
        CsvFolder f = new CsvFolder(dir)
                .file("customers.csv", "customer_id,joined", "1,2022-01-01", "2,2022-06-01", "3,2023-01-01")
                .schema("tables:",
                        "  - name: customers", "    primary_key: customer_id", "    time_column: joined",
                        "    columns: {customer_id: id, joined: timestamp}",
                        "  - name: accounts", "    primary_key: account_id", "    time_column: opened",
                        "    columns: {account_id: id, customer_id: id, opened: timestamp}",
                        "    foreign_keys: [{column: customer_id, references: customers}]",
                        "  - name: transactions", "    primary_key: txn_id",
                        "    columns: {txn_id: id, account_id: id}",
                        "    foreign_keys: [{column: account_id, references: accounts}]");
        f.file("accounts.csv", concat("account_id,customer_id,opened", accounts));
        f.file("transactions.csv", concat("txn_id,account_id", transactions));
        return f;
    }

    private static String[] concat(String header, String[] rows) {
        String[] all = new String[rows.length + 1];
        all[0] = header;
        System.arraycopy(rows, 0, all, 1, rows.length);
        return all;
    }

    private static String[] rows(String... rows) {
        return rows;
    }

    @Test
    void cleanDataHasNoProblems() {
        ValidatedDatabase v = bank(rows("10,1,2022-02-01", "11,2,2022-07-01"), rows("100,10", "101,11"))
                .source().load(LoadOptions.defaults());
        assertTrue(v.report().problems().isEmpty(), v.report().format());
        assertEquals("no problems found", v.report().format());
    }

    @Test
    void danglingReferencesFailWithCountExamplesAndFirstRow() {
        ValidationException e = assertThrows(ValidationException.class, () -> bank(
                rows("10,1,2022-02-01", "11,9,2022-07-01", "12,8,2022-07-01", "13,9,2022-07-01"), rows("100,10"))
                .source().load(LoadOptions.defaults()));
        Problem p = e.report().errors().get(0);
        assertEquals("accounts", p.table());
        assertEquals("customer_id", p.column());
        assertEquals(2, p.row());
        assertTrue(p.message().startsWith("3 rows whose customer_id matches no row of customers"), p.message());
        assertTrue(p.message().contains("'9', '8'"), p.message());
        assertTrue(e.getMessage().contains("table 'accounts', column 'customer_id', row 2"), e.getMessage());
        assertTrue(e.userMessage().contains("DROP"), e.userMessage());
    }

    @Test
    void dropRemovesDanglingRowsAndTheRowsThatReferencedThem() {
        ValidatedDatabase v = bank(rows("10,1,2022-02-01", "11,9,2022-07-01", "12,2,2022-07-01"),
                rows("100,10", "101,11", "102,11", "103,12", "104,77")).source().load(DROP);
        Database db = v.database();
        assertEquals(2, db.table("accounts").rowCount());
        assertEquals(2, db.table("transactions").rowCount()); // 101, 102 lost their account; 104 never had one
        assertEquals(List.of("100", "103"), List.of(db.table("transactions").requireColumn("txn_id").format(0),
                db.table("transactions").requireColumn("txn_id").format(1)));
        for (ForeignKey fk : db.schema().foreignKeys()) {
            for (int parent : db.parentRows(fk)) {
                assertTrue(parent != KeyIndex.MISSING, fk.toString());
            }
        }
        List<String> warnings = v.report().warnings().stream().map(Problem::message).toList();
        assertTrue(warnings.contains("dropped 1 row whose customer_id matches no row of customers, e.g. '9'"),
                warnings.toString());
        assertTrue(warnings.contains("dropped 2 rows whose account_id matches no row of accounts, e.g. '11'"),
                warnings.toString());
        assertTrue(warnings.contains("dropped 1 row whose account_id matches no row of accounts, e.g. '77'"),
                warnings.toString());
    }

    @Test
    void duplicateAndNullPrimaryKeysAreErrorsWithExamples() {
        ValidationException e = assertThrows(ValidationException.class, () -> bank(
                rows("10,1,2022-02-01", "10,2,2022-07-01", "11,2,2022-07-01", ",3,2023-02-01", "11,1,2022-03-01"),
                rows("100,10")).source().load(LoadOptions.defaults()));
        List<Problem> errors = e.report().errors();
        Problem nulls = errors.stream().filter(p -> p.message().contains("without a primary key")).findFirst()
                .orElseThrow();
        assertEquals(4, nulls.row());
        assertTrue(nulls.message().startsWith("1 row without"), nulls.message());
        Problem dups = errors.stream().filter(p -> p.message().contains("repeating")).findFirst().orElseThrow();
        assertEquals("account_id", dups.column());
        assertEquals(2, dups.row());
        assertTrue(dups.message().startsWith("2 rows repeating a primary key"), dups.message());
        assertTrue(dups.message().contains("'10', '11'"), dups.message());
    }

    /** Increasing keys skip the uniqueness index; an equal neighbour is still a duplicate. */
    @Test
    void aRepeatedKeyAmongIncreasingKeysIsStillReported() {
        ValidationException e = assertThrows(ValidationException.class, () -> bank(
                rows("10,1,2022-02-01", "11,2,2022-07-01", "11,2,2022-07-01", "12,3,2023-02-01"),
                rows("100,10")).source().load(LoadOptions.defaults()));
        Problem dups = e.report().errors().stream().filter(p -> p.message().contains("repeating")).findFirst()
                .orElseThrow();
        assertEquals(3, dups.row());
        assertTrue(dups.message().startsWith("1 row repeating a primary key"), dups.message());
    }

    @Test
    void aChildOlderThanItsParentIsAWarningWithExamples() {
        ValidatedDatabase v = bank(rows("10,1,2022-02-01", "11,3,2022-12-31", "12,3,2021-01-01"), rows("100,10"))
                .source().load(LoadOptions.defaults());
        Problem p = v.report().warnings().get(0);
        assertEquals("accounts", p.table());
        assertEquals(2, p.row());
        assertTrue(p.message().startsWith("2 rows older than the customers row referenced"), p.message());
        assertTrue(p.message().contains("row 2 at 2022-12-31T00:00:00Z -> customer_id 3 at 2023-01-01T00:00:00Z"),
                p.message());
    }

    @Test
    void afterDroppingRowsMessagesStillNameRowsAsTheFileNumbersThem() {
        ValidatedDatabase v = bank(rows("10,1,2022-02-01", "11,9,2022-07-01", "12,3,2021-01-01"), rows("100,10"))
                .source().load(DROP);
        Problem older = v.report().warnings().stream().filter(p -> p.message().contains("older than"))
                .findFirst().orElseThrow();
        assertEquals(3, older.row());
        assertTrue(older.message().contains("row 3 at 2021-01-01T00:00:00Z"), older.message());
    }

    @Test
    void foreignKeyCyclesAndSelfReferencesAreWarningsNamingTheTables() {
        new CsvFolder(dir)
                .file("employees.csv", "employee_id,manager_id,team_id", "1,,1", "2,1,1")
                .file("teams.csv", "team_id,lead_id", "1,1")
                .schema("tables:",
                        "  - name: employees", "    primary_key: employee_id",
                        "    columns: {employee_id: id, manager_id: id, team_id: id}",
                        "    foreign_keys: [{column: manager_id, references: employees},"
                                + " {column: team_id, references: teams}]",
                        "  - name: teams", "    primary_key: team_id", "    columns: {team_id: id, lead_id: id}",
                        "    foreign_keys: [{column: lead_id, references: employees}]");
        ValidatedDatabase v = new CsvFolder(dir).source().load(LoadOptions.defaults());
        List<String> warnings = v.report().warnings().stream().map(Problem::toString).toList();
        assertTrue(warnings.stream().anyMatch(w -> w.contains("table 'employees', column 'manager_id'")
                && w.contains("references its own table")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("cycle through tables employees, teams")),
                warnings.toString());
        assertFalse(v.report().hasErrors());
    }
}

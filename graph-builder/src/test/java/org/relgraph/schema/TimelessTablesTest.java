package org.relgraph.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A loan bank in the shape of Berka: accounts and loans are dated; standing orders (a planted leak: the repayment
 * order exists because of the loan) and dispositions have no time; districts are declared static; cards hang off
 * dispositions two hops away.
 */
class TimelessTablesTest {
    static final String YAML = String.join("\n", "tables:",
            "  - {name: district, primary_key: district_id, static: true, columns: {district_id: id, region: categorical}}",
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
            "    columns: {order_id: id, account_id: id, k_symbol: categorical}",
            "    foreign_keys: [{column: account_id, references: account}]",
            "  - name: disp",
            "    primary_key: disp_id",
            "    columns: {disp_id: id, account_id: id, client_id: id}",
            "    foreign_keys: [{column: account_id, references: account}, {column: client_id, references: client}]",
            "  - {name: client, primary_key: client_id, columns: {client_id: id, born: timestamp}, time_column: born}",
            "  - name: card",
            "    primary_key: card_id",
            "    columns: {card_id: id, disp_id: id, kind: categorical}",
            "    foreign_keys: [{column: disp_id, references: disp}]");

    private static Schema schema() {
        return SchemaYaml.parse(YAML, "test");
    }

    @Test
    void thePlantedLeakTableIsListedWithItsPathAndTheStaticOneIsNot() {
        List<TimelessTable> found = TimelessTables.reachable(schema(), "account", 1);
        assertEquals(List.of("orders", "disp"), found.stream().map(TimelessTable::table).toList());
        assertEquals("account <-[account_id]- orders", found.get(0).path());
        assertEquals(1, found.get(0).hops());
    }

    @Test
    void moreHopsReachFurtherAndEachTableIsListedOnceByItsShortestPath() {
        List<TimelessTable> found = TimelessTables.reachable(schema(), "account", 2);
        assertEquals(List.of("orders", "disp", "card"), found.stream().map(TimelessTable::table).toList());
        assertEquals("account <-[account_id]- disp <-[disp_id]- card", found.get(2).path());
        assertEquals(2, found.get(2).hops());
        assertTrue(TimelessTables.reachable(schema(), "account", 0).isEmpty());
    }

    @Test
    void aTableWithOneDatedParentGetsTheTimeFromSuggestionAndOneWithTwoDoesNot() {
        List<TimelessTable> found = TimelessTables.reachable(schema(), "account", 2);
        assertEquals(new ForeignKey("orders", "account_id", "account"), found.get(0).timedParent());
        assertNull(found.get(1).timedParent(), "disp has two dated parents, account and client");
        assertNull(found.get(2).timedParent(), "card's only parent, disp, has no time");
    }

    @Test
    void theOverviewListsEveryTimelessTableWithItsLinksButNotTheStaticOne() {
        List<TimelessTable> all = TimelessTables.all(schema());
        assertEquals(List.of("orders", "disp", "card"), all.stream().map(TimelessTable::table).toList());
        assertEquals("disp -[account_id]-> account, disp -[client_id]-> client, disp <-[disp_id]- card",
                all.get(1).path());
        assertEquals(List.of("district"), TimelessTables.declaredStatic(schema()));
    }

    @Test
    void theWarningNamesTheTablesWhatItMeansAndTheWaysOut() {
        String text = String.join("\n", TimelessWarning.forModel(TimelessTables.reachable(schema(), "account", 1),
                "account", 1, "the model's 1 layer"));
        assertTrue(text.startsWith("warning: 2 tables without a time column are within 1 hop of account"), text);
        assertTrue(text.contains("orders  account <-[account_id]- orders"), text);
        assertTrue(text.contains("including rows created after it"), text);
        assertTrue(text.contains("--exclude-tables orders,disp"), text);
        assertTrue(text.contains("static: true"), text);
        assertTrue(text.contains("orders has one dated parent, account: time_from: account_id"), text);
        assertTrue(text.lines().noneMatch(l -> l.startsWith("  district")), text);
        assertTrue(TimelessWarning.forModel(List.of(), "account", 2, "x").isEmpty());
    }

    @Test
    void aTableThatInheritsItsTimeIsNotTimeless() {
        Schema s = SchemaYaml.parse(YAML.replace("columns: {order_id: id, account_id: id, k_symbol: categorical}",
                "time_from: account_id\n    columns: {order_id: id, account_id: id, k_symbol: categorical}"), "t");
        assertEquals(List.of("disp"), TimelessTables.reachable(s, "account", 1).stream().map(TimelessTable::table)
                .toList());
    }

    @Test
    void aProposedSchemaCarriesTheTimeFromSuggestionAsAComment(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path file = tmp.resolve("schema.yaml");
        SchemaYaml.writeProposal(schema(), file);
        String text = java.nio.file.Files.readString(file);
        assertTrue(text.contains("- name: orders\n  # no time column: if a row is known as soon as its account row is,"
                + " uncomment to take that row's time\n  # time_from: account_id\n"), text);
        assertTrue(!text.contains("# time_from: disp_id"), text);
        Schema back = SchemaYaml.read(file);
        assertTrue(back.requireTable("orders").isTimeless(), "the suggestion is a comment until the user takes it");
        assertEquals(schema().tableNames(), back.tableNames());
    }

    @Test
    void aWindowOverATimelessTableNamesTheWayOut() {
        org.relgraph.query.QueryException target = org.junit.jupiter.api.Assertions.assertThrows(
                org.relgraph.query.QueryException.class, () -> org.relgraph.query.PredictiveQuery.parse(
                        "PREDICT COUNT(orders.*, 0, 6, months) > 0 FOR EACH account.account_id", schema()));
        assertEquals("target table orders has no time column", target.problem());
        assertTrue(target.hint().contains("time_column: COLUMN, or time_from: account_id to take the time of its "
                + "account row"), target.hint());
        org.relgraph.query.QueryException filter = org.junit.jupiter.api.Assertions.assertThrows(
                org.relgraph.query.QueryException.class, () -> org.relgraph.query.PredictiveQuery.parse(
                        "PREDICT COUNT(loan.*, 0, 6, months) > 0 FOR EACH account.account_id "
                                + "WHERE COUNT(disp.*, -6, 0, months) > 0", schema()));
        assertTrue(filter.hint().contains("time_from: one of account_id, client_id"), filter.hint());
    }
}

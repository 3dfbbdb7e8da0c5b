package org.relgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.QueryException;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.table.Database;

class ExcludedTablesTest {
    @TempDir
    Path tmp;

    /** Accounts with loans and standing orders; the orders file is broken, which must not matter once left out. */
    private CsvFolder bank() {
        return new CsvFolder(tmp)
                .file("account.csv", "account_id,opened", "1,2020-01-01", "2,2020-02-01")
                .file("loan.csv", "loan_id,account_id,granted", "10,1,2020-06-01")
                .file("orders.csv", "order_id,account_id,amount", "100,1,not a number")
                .schema("tables:",
                        "  - {name: account, primary_key: account_id, time_column: opened,"
                                + " columns: {account_id: id, opened: timestamp}}",
                        "  - {name: loan, primary_key: loan_id, time_column: granted,"
                                + " columns: {loan_id: id, account_id: id, granted: timestamp},"
                                + " foreign_keys: [{column: account_id, references: account}]}",
                        "  - {name: orders, primary_key: order_id, columns: {order_id: id, account_id: id,"
                                + " amount: numerical}, foreign_keys: [{column: account_id, references: account}]}");
    }

    private static LoadOptions leavingOut(String... names) {
        return LoadOptions.defaults().withExcludedTables(new ExcludedTables(List.of(names)));
    }

    @Test
    void anExcludedTableIsNotReadAndLeavesNoEdgesAndIsRemembered() {
        Database db = bank().source().load(leavingOut("ORDERS")).database();
        assertEquals(List.of("account", "loan"), db.schema().tableNames());
        assertEquals(List.of("orders"), db.schema().excludedTables());
        HeteroGraph g = HeteroGraph.build(db);
        assertTrue(g.edgeTypes().stream().noneMatch(e -> e.srcTable().equals("orders") || e.dstTable().equals("orders")));
        assertThrows(SchemaException.class, () -> bank().source().load(), "the orders file is broken when read");
    }

    @Test
    void leavingOutAParentDropsTheForeignKeysIntoIt() {
        Schema s = new ExcludedTables(List.of("account")).applyTo(SchemaYaml.read(bank().path().resolve("schema.yaml")));
        assertTrue(s.foreignKeys().isEmpty(), s.foreignKeys().toString());
        assertTrue(s.requireTable("loan").hasColumn("account_id"), "the key column stays as a column");
    }

    @Test
    void anUnknownNameIsAnErrorWithTheClosestTable() {
        SchemaException e = assertThrows(SchemaException.class, () -> bank().source().load(leavingOut("ordrs")));
        assertEquals("cannot leave out table 'ordrs': the data has no table of that name", e.getMessage());
        assertTrue(e.hint().contains("did you mean 'orders'?"), e.hint());
    }

    @Test
    void aQueryOnAnExcludedTableSaysItWasLeftOut() {
        Database db = bank().source().load(leavingOut("orders")).database();
        QueryException e = assertThrows(QueryException.class, () -> PredictiveQuery.parse(
                "PREDICT COUNT(orders.*, 0, 6, months) > 0 FOR EACH account.account_id", db.schema()));
        assertTrue(e.problem().contains("table orders was left out of the data (--exclude-tables)"), e.problem());
        assertTrue(e.hint().contains("do not exclude orders"), e.hint());
        QueryException entity = assertThrows(QueryException.class, () -> PredictiveQuery.parse(
                "PREDICT COUNT(loan.*, 0, 6, months) > 0 FOR EACH orders.order_id", db.schema()));
        assertTrue(entity.problem().contains("table orders was left out"), entity.problem());
    }

    @Test
    void theParentATableTakesItsTimeFromCannotBeLeftOut() {
        Schema s = SchemaYaml.parse(String.join("\n", "tables:",
                "  - {name: races, primary_key: raceId, time_column: date, columns: {raceId: id, date: timestamp}}",
                "  - {name: results, primary_key: resultId, time_from: raceId, columns: {resultId: id, raceId: id},"
                        + " foreign_keys: [{column: raceId, references: races}]}"), "t");
        SchemaException e = assertThrows(SchemaException.class,
                () -> new ExcludedTables(List.of("races")).applyTo(s));
        assertTrue(e.getMessage().contains("'results' takes its time from it (time_from: raceId)"), e.getMessage());
        assertFalse(new ExcludedTables(List.of("races", "results")).applyTo(s).table("races").isPresent());
    }

    @Test
    void namesCompareWithoutCaseOrOrder() {
        assertTrue(new ExcludedTables(List.of("B", " a")).sameAs(new ExcludedTables(List.of("a", "b"))));
        assertFalse(new ExcludedTables(List.of("a")).sameAs(ExcludedTables.NONE));
    }
}

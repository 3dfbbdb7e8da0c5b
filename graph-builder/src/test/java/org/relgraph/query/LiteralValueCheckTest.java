package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.query.TestTables.of;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

class LiteralValueCheckTest {
    private static final Database DB = BankData.database();

    private static List<String> check(Database db, String query) {
        return LiteralValueCheck.check(PredictiveQuery.parse(query, db.schema()), db);
    }

    private static QueryException rejected(String query) {
        return assertThrows(QueryException.class, () -> check(DB, query));
    }

    @Test
    void aMisspeltValueOfAFewValuedColumnIsAnErrorWithTheClosestValueUnderACaret() {
        String query = "PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortage', 0, 6, months) FOR EACH CUSTOMERS.CUSTOMER_ID";
        QueryException e = rejected(query);
        assertEquals("value 'Mortage' never occurs in PRODUCT_HOLDINGS.PRODUCT (2 distinct values), so the "
                + "comparison never matches", e.problem());
        assertEquals(1, e.line());
        assertEquals(query.indexOf("'Mortage'") + 1, e.column());
        assertTrue(e.getMessage().endsWith("\n" + " ".repeat(query.indexOf("'Mortage'")) + "^^^^^^^^^"),
                e.getMessage());
        assertTrue(e.hint().startsWith("did you mean 'Mortgage'?"), e.hint());
    }

    @Test
    void comparisonsAreCaseSensitiveSoAValueInTheWrongCaseIsCaughtToo() {
        QueryException e = rejected("PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'mortgage', 0, 6, months) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID");
        assertEquals("values are compared exactly, case included: did you mean 'Mortgage'?", e.hint());
    }

    @Test
    void everyComparisonIsCheckedInTargetsFiltersInListsAndFirstLast() {
        QueryException notEqual = rejected("PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 6, months) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID WHERE PRODUCT_HOLDINGS.PRODUCT != 'Morgage'");
        assertTrue(notEqual.problem().endsWith("so the comparison is true for every row with a value"),
                notEqual.problem());
        QueryException in = rejected("PREDICT COUNT(INTERACTION_HISTORY.* WHERE INTERACTION_HISTORY.CHANNEL IN "
                + "('email', 'sms'), 0, 7, days) FOR EACH CUSTOMERS.CUSTOMER_ID");
        assertTrue(in.problem().startsWith("value 'sms' never occurs in INTERACTION_HISTORY.CHANNEL"), in.problem());
        assertEquals("its values: 'app', 'branch', 'email'", in.hint());
        QueryException last = rejected("PREDICT LAST(PRODUCT_HOLDINGS.PRODUCT, 0, 1, months) != 'Pension' "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID");
        assertTrue(last.problem().startsWith("value 'Pension' never occurs"), last.problem());
        QueryException windowed = rejected("PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) FOR EACH "
                + "CUSTOMERS.CUSTOMER_ID WHERE COUNT(INTERACTION_HISTORY.* WHERE INTERACTION_HISTORY.OUTCOME = "
                + "'Acepted', -30, 0, days) > 0");
        assertTrue(windowed.hint().startsWith("did you mean 'Accepted'?"), windowed.hint());
    }

    @Test
    void anIdThatNoRowHoldsIsListedNotSpellChecked() {
        QueryException e = rejected("PREDICT BOOL(INTERACTION_HISTORY.OFFER_ID = 7, 0, 7, days) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID");
        assertEquals("its values: 1, 2, 3, 99", e.hint());
    }

    @Test
    void valuesThatOccurNumbersAndDatesPass() {
        assertEquals(List.of(), check(DB, "PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage' AND "
                + "PRODUCT_HOLDINGS.BALANCE = 12345, 0, 6, months) FOR EACH CUSTOMERS.CUSTOMER_ID WHERE "
                + "CUSTOMERS.SEGMENT IN ('Premier', 'Mass') AND CUSTOMERS.JOINED_AT != '1999-01-01' "
                + "AND INTERACTION_HISTORY.OFFER_ID = 3"));
    }

    @Test
    void anAbsentValueOfAManyValuedColumnIsAWarningNotAnError() {
        Database db = customersWithNotes(LiteralValueCheck.LOW_CARDINALITY + 1);
        List<String> warnings = check(db, "PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID WHERE CUSTOMERS.NOTES != 'note 1000'");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("value 'note 1000' never occurs in CUSTOMERS.NOTES (101 distinct "
                + "values), so the comparison is true for every row with a value (line 1, column "), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("did you mean 'note 100'? (values are compared exactly, case included)"),
                warnings.get(0));
        List<String> ids = check(db, "PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID WHERE CUSTOMERS.CUSTOMER_ID IN (7, 5000)");
        assertEquals(List.of("value 5000 never occurs in CUSTOMERS.CUSTOMER_ID (over 100 distinct values), so the "
                + "comparison never matches (line 1, column 115)"), ids);
        QueryException few = assertThrows(QueryException.class, () -> check(customersWithNotes(
                LiteralValueCheck.LOW_CARDINALITY), "PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 1, months) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID WHERE CUSTOMERS.NOTES != 'note 1000'"));
        assertTrue(few.problem().contains("(100 distinct values)"), few.problem());
    }

    /** Customers whose NOTES hold {@code distinct} different values, and no holdings. */
    private static Database customersWithNotes(int distinct) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            rows.add(new Object[] {(long) i, "Mass", 30, true, "note " + i, "2023-01-01"});
        }
        List<Table> tables = new ArrayList<>(DB.tables());
        tables.set(0, of(BankSchema.customers(), rows.toArray(Object[][]::new)));
        tables.set(1, of(BankSchema.productHoldings()));
        tables.set(2, of(BankSchema.interactionHistory()));
        return new Database(BankSchema.schema(), tables);
    }
}

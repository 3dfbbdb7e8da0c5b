package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.schema.SemanticType.CATEGORICAL;
import static org.relgraph.schema.SemanticType.ID;
import static org.relgraph.schema.SemanticType.NUMERICAL;
import static org.relgraph.schema.SemanticType.TIMESTAMP;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.Database;

/** The OFFERING clause of ARGMAX queries: parsing, binding errors, and which actions it leaves out as of a time. */
class OfferRuleTest {
    static final String ARGMAX = "PREDICT ARGMAX(OFFERS.OUTCOME = 'Accepted', 0, 30, days) "
            + "FOR EACH CUSTOMERS.CUSTOMER_ID ";
    static final String RULE = ARGMAX + "OFFERING OFFERS.PRODUCT = CATALOG.NAME "
            + "NOT HELD HOLDINGS.PRODUCT_ID WHERE HOLDINGS.STATUS = 'active' "
            + "ELIGIBLE CUSTOMERS.SEGMENT >= CATALOG.MIN_SEGMENT ORDER ('Mass', 'Affluent', 'Premier')";
    static final List<String> COLUMNS = List.of("CHANNEL", "PRODUCT");
    static final List<List<String>> ACTIONS = List.of(List.of("app", "Loan"), List.of("app", "Savings"),
            List.of("email", "Invest"), List.of("email", "Loan"));

    static TableSchema customers() {
        return new TableSchema("CUSTOMERS", List.of(new ColumnSchema("CUSTOMER_ID", ID),
                new ColumnSchema("SEGMENT", CATEGORICAL), new ColumnSchema("AGE", NUMERICAL),
                new ColumnSchema("JOINED", TIMESTAMP)), "CUSTOMER_ID", "JOINED", List.of());
    }

    static TableSchema catalog() {
        return new TableSchema("CATALOG", List.of(new ColumnSchema("PRODUCT_ID", ID),
                new ColumnSchema("NAME", CATEGORICAL), new ColumnSchema("MIN_SEGMENT", CATEGORICAL),
                new ColumnSchema("MIN_AGE", NUMERICAL), new ColumnSchema("LAUNCHED", TIMESTAMP)),
                "PRODUCT_ID", "LAUNCHED", List.of());
    }

    static TableSchema holdings() {
        return new TableSchema("HOLDINGS", List.of(new ColumnSchema("HOLDING_ID", ID),
                new ColumnSchema("CUSTOMER_ID", ID), new ColumnSchema("PRODUCT_ID", ID),
                new ColumnSchema("PRODUCT", CATEGORICAL), new ColumnSchema("STATUS", CATEGORICAL),
                new ColumnSchema("OPENED", TIMESTAMP)), "HOLDING_ID", "OPENED", List.of(
                new ForeignKey("HOLDINGS", "CUSTOMER_ID", "CUSTOMERS"),
                new ForeignKey("HOLDINGS", "PRODUCT_ID", "CATALOG")));
    }

    static TableSchema offers() {
        return new TableSchema("OFFERS", List.of(new ColumnSchema("OFFER_ID", ID),
                new ColumnSchema("CUSTOMER_ID", ID), new ColumnSchema("CHANNEL", CATEGORICAL),
                new ColumnSchema("PRODUCT", CATEGORICAL), new ColumnSchema("OUTCOME", CATEGORICAL),
                new ColumnSchema("TS", TIMESTAMP)), "OFFER_ID", "TS",
                List.of(new ForeignKey("OFFERS", "CUSTOMER_ID", "CUSTOMERS")));
    }

    static Schema schema() {
        return new Schema(List.of(customers(), catalog(), holdings(), offers()));
    }

    /** Customers 1 (Mass, 30), 2 (Premier, 50), 3 (Affluent, age unknown) are rows 0..2. */
    static Database database(Object[]... extraCustomers) {
        Object[][] customers = new Object[3 + extraCustomers.length][];
        customers[0] = new Object[] {1L, "Mass", 30, "2020-01-01"};
        customers[1] = new Object[] {2L, "Premier", 50, "2020-01-01"};
        customers[2] = new Object[] {3L, "Affluent", null, "2020-01-01"};
        System.arraycopy(extraCustomers, 0, customers, 3, extraCustomers.length);
        return new Database(schema(), List.of(
                TestTables.of(customers(), customers),
                TestTables.of(catalog(),
                        new Object[] {1L, "Loan", "Mass", 18, null},
                        new Object[] {2L, "Savings", "Mass", 0, null},
                        new Object[] {3L, "Invest", "Affluent", 40, "2024-01-10"}), // launched in January
                TestTables.of(holdings(),
                        new Object[] {10L, 1L, 1L, "Loan", "active", "2024-02-01"},
                        new Object[] {11L, 1L, 2L, "Savings", "closed", "2023-01-01"},
                        new Object[] {12L, 2L, 3L, "Invest", "active", "2024-01-15"},
                        new Object[] {13L, 2L, 2L, "Savings", "active", null}), // cannot be placed in time
                TestTables.of(offers(),
                        new Object[] {20L, 1L, "app", "Loan", "Accepted", "2024-01-05"})));
    }

    static OfferEligibility compile(String query, Database db) {
        return OfferEligibility.compile(db, PredictiveQuery.parse(query, db.schema()), COLUMNS, ACTIONS);
    }

    static boolean[] at(OfferEligibility rule, int row, String day) {
        return rule.eligible(row, TestTables.day(day));
    }

    @Test
    void parsesTheClauseAndRendersItBack() {
        PredictiveQuery q = PredictiveQuery.parse(RULE.toLowerCase(java.util.Locale.ROOT)
                .replace("'mass', 'affluent', 'premier'", "'Mass', 'Affluent', 'Premier'")
                .replace("'active'", "'active'"), schema());
        OfferRule rule = q.offerRule().orElseThrow();
        assertEquals("OFFERING OFFERS.PRODUCT = CATALOG.NAME NOT HELD HOLDINGS.PRODUCT_ID WHERE HOLDINGS.STATUS = "
                + "'active' ELIGIBLE CUSTOMERS.SEGMENT >= CATALOG.MIN_SEGMENT ORDER ('Mass', 'Affluent', 'Premier')",
                rule.render(), "names in their schema spelling");
        assertTrue(q.toString().endsWith(rule.render()), q.toString());
        assertEquals(rule, PredictiveQuery.parse(q.text(), schema()).offerRule().orElseThrow());
        assertTrue(PredictiveQuery.parse(ARGMAX, schema()).offerRule().isEmpty(), "a query without a rule");
        assertTrue(q.plan().contains("\noffering: per (entity, t) only the actions whose OFFERS.PRODUCT the entity "
                + "does not hold at t and the catalog makes it eligible for (OFFERING "), q.plan());
    }

    @Test
    void heldProductsAreLeftOutFromTheDayTheyOpenNeverBefore() {
        OfferEligibility rule = compile(RULE, database());
        // Customer 1 (Mass) opens a Loan on 2024-02-01; its Savings was closed; Invest is for Affluent and above.
        assertArrayEquals(new boolean[] {true, true, false, true}, at(rule, 0, "2024-01-31"));
        assertArrayEquals(new boolean[] {false, true, false, false}, at(rule, 0, "2024-02-01"));
        // Customer 2 (Premier) holds Invest from 2024-01-15; its Savings row has no time, so it never counts.
        assertArrayEquals(new boolean[] {true, true, true, true}, at(rule, 1, "2024-01-14"));
        assertArrayEquals(new boolean[] {true, true, false, true}, at(rule, 1, "2024-01-15"));
    }

    @Test
    void aProductIsOfferedOnlyFromItsCatalogRowsTime() {
        OfferEligibility rule = compile(RULE, database());
        assertArrayEquals(new boolean[] {true, true, false, true}, at(rule, 2, "2024-01-09"));
        assertArrayEquals(new boolean[] {true, true, true, true}, at(rule, 2, "2024-01-10"));
    }

    @Test
    void numbersCompareAsNumbersAndANullLeavesTheActionOut() {
        OfferEligibility rule = compile(ARGMAX + "OFFERING OFFERS.PRODUCT = CATALOG.NAME "
                + "ELIGIBLE CUSTOMERS.AGE >= CATALOG.MIN_AGE", database());
        assertArrayEquals(new boolean[] {true, true, false, true}, at(rule, 0, "2024-06-01"), "30 < 40");
        assertArrayEquals(new boolean[] {true, true, true, true}, at(rule, 1, "2024-06-01"));
        assertArrayEquals(new boolean[] {false, false, false, false}, at(rule, 2, "2024-06-01"), "age unknown");
    }

    @Test
    void holdingsCanNameTheProductByValueWithoutACatalog() {
        OfferEligibility rule = compile(ARGMAX + "OFFERING OFFERS.PRODUCT NOT HELD HOLDINGS.PRODUCT", database());
        // Without a status filter the closed Savings counts as held too.
        assertArrayEquals(new boolean[] {false, false, true, false}, at(rule, 0, "2024-03-01"));
    }

    @Test
    void dataThatCannotMatchTheRuleIsAnErrorNotASilentNoOp() {
        SchemaException noCatalogRow = assertThrows(SchemaException.class,
                () -> OfferEligibility.compile(database(), PredictiveQuery.parse(RULE, schema()), COLUMNS,
                        List.of(List.of("app", "Lona"))));
        assertTrue(noCatalogRow.getMessage().contains("'Lona' has no row in CATALOG"), noCatalogRow.getMessage());
        assertTrue(noCatalogRow.hint().contains("did you mean 'Loan'?"), noCatalogRow.hint());

        SchemaException neverHeld = assertThrows(SchemaException.class,
                () -> compile(ARGMAX + "OFFERING OFFERS.PRODUCT NOT HELD HOLDINGS.STATUS", database()));
        assertTrue(neverHeld.getMessage().contains("none of the 4 rows of HOLDINGS holds an offered OFFERS.PRODUCT"),
                neverHeld.getMessage());

        SchemaException unranked = assertThrows(SchemaException.class,
                () -> compile(RULE, database(new Object[] {4L, "Gold", 20, "2020-01-01"})));
        assertTrue(unranked.getMessage().startsWith("CUSTOMERS.SEGMENT has the value 'Gold' (row 4), which is not "
                + "in the ORDER list"), unranked.getMessage());
    }

    @Test
    void bindingErrorsPointAtTheClause() {
        assertBindError(RULE.replace("ARGMAX(OFFERS.OUTCOME = 'Accepted', 0, 30, days)",
                "BOOL(OFFERS.OUTCOME = 'Accepted', 0, 30, days)"), "OFFERING rules say which actions an ARGMAX "
                + "query may recommend");
        assertBindError(ARGMAX + "OFFERING OFFERS.OUTCOME NOT HELD HOLDINGS.PRODUCT",
                "OFFERS.OUTCOME is not part of the action");
        assertBindError(ARGMAX + "OFFERING HOLDINGS.PRODUCT NOT HELD HOLDINGS.PRODUCT",
                "OFFERING names the column of the ARGMAX table OFFERS");
        assertBindError(ARGMAX + "OFFERING OFFERS.PRODUCT NOT HELD HOLDINGS.PRODUCT_ID",
                "HOLDINGS.PRODUCT_ID is a foreign key to CATALOG");
        assertBindError(ARGMAX + "OFFERING OFFERS.PRODUCT NOT HELD HOLDING.PRODUCT", "unknown table 'HOLDING'");
        assertBindError(ARGMAX + "OFFERING OFFERS.PRODUCT NOT HELD HOLDINGS.PRODCT", "unknown column 'PRODCT'");
        assertBindError(ARGMAX + "OFFERING OFFERS.PRODUCT NOT HELD CUSTOMERS.SEGMENT",
                "NOT HELD reads a table of holdings linked to CUSTOMERS");
        assertBindError(ARGMAX + "OFFERING OFFERS.PRODUCT ELIGIBLE CUSTOMERS.AGE >= CATALOG.MIN_AGE",
                "no catalog is named");
        assertBindError(ARGMAX + "OFFERING OFFERS.PRODUCT = CATALOG.NAME ELIGIBLE CUSTOMERS.SEGMENT >= "
                + "CATALOG.MIN_SEGMENT", "categories have no order of their own");
        assertBindError(ARGMAX + "OFFERING OFFERS.PRODUCT = CATALOG.NAME ELIGIBLE CUSTOMERS.AGE >= "
                + "CATALOG.MIN_SEGMENT", "cannot compare numerical CUSTOMERS.AGE with categorical");
        assertBindError(ARGMAX + "OFFERING OFFERS.PRODUCT = CATALOG.NAME ELIGIBLE CATALOG.MIN_AGE <= "
                + "CUSTOMERS.AGE", "ELIGIBLE compares a column of the entity table CUSTOMERS");
        assertBindError(ARGMAX + "OFFERING OFFERS.PRODUCT = CATALOG.NAME ELIGIBLE CUSTOMERS.SEGMENT >= "
                + "CATALOG.MIN_SEGMENT ORDER ('Mass', 'Mass')", "'Mass' is listed twice");
        assertBindError(ARGMAX + "OFFERING OFFERS.PRODUCT = CATALOG.NAME NOT HELD HOLDINGS.PRODUCT_ID "
                + "WHERE HOLDINGS.STATUS > 'a'", "cannot be compared with >");
    }

    @Test
    void parseErrorsSayWhatMayFollow() {
        QueryException noRule = assertThrows(QueryException.class,
                () -> QueryParser.parse(ARGMAX + "OFFERING OFFERS.PRODUCT"));
        assertTrue(noRule.problem().startsWith("unexpected end of input: expected NOT HELD or ELIGIBLE"),
                noRule.problem());
        QueryException trailing = assertThrows(QueryException.class,
                () -> QueryParser.parse(ARGMAX + "OFFERING OFFERS.PRODUCT NOT HELD H.P EXCEPT"));
        assertTrue(trailing.hint().contains("NOT HELD ... and ELIGIBLE ... rules only"), trailing.hint());
        QueryException noOp = assertThrows(QueryException.class,
                () -> QueryParser.parse(ARGMAX + "OFFERING O.P = C.N ELIGIBLE C.S C.M"));
        assertTrue(noOp.problem().startsWith("expected a comparison after C.S"), noOp.problem());
    }

    private static void assertBindError(String query, String expected) {
        QueryException e = assertThrows(QueryException.class, () -> PredictiveQuery.parse(query, schema()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

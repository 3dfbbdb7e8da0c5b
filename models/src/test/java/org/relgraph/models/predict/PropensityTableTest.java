package org.relgraph.models.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.models.output.ScoreTable;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

class PropensityTableTest {
    static final TableSchema CUSTOMERS = new TableSchema("CUSTOMERS", List.of(
            new ColumnSchema("CUSTOMER_ID", SemanticType.ID), new ColumnSchema("NAME", SemanticType.TEXT)),
            "CUSTOMER_ID", null, List.of());
    static final TableSchema HOLDINGS = new TableSchema("PRODUCT_HOLDINGS", List.of(
            new ColumnSchema("HOLDING_ID", SemanticType.ID), new ColumnSchema("CUSTOMER_ID", SemanticType.ID),
            new ColumnSchema("PRODUCT", SemanticType.CATEGORICAL), new ColumnSchema("AMOUNT", SemanticType.NUMERICAL),
            new ColumnSchema("OPEN_DATE", SemanticType.TIMESTAMP)),
            "HOLDING_ID", "OPEN_DATE", List.of(new ForeignKey("PRODUCT_HOLDINGS", "CUSTOMER_ID", "CUSTOMERS")));
    static final Schema SCHEMA = new Schema(List.of(CUSTOMERS, HOLDINGS));
    static final String MORTGAGE = BankQueries.MORTGAGE;

    static Table customers(String... names) {
        long[] ids = new long[names.length];
        int[] codes = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            ids[i] = 100 + i;
            codes[i] = i;
        }
        return new Table(CUSTOMERS, List.<Column>of(new LongColumn("CUSTOMER_ID", SemanticType.ID, ids, new BitSet()),
                new CategoricalColumn("NAME", SemanticType.TEXT, codes, List.of(names))));
    }

    @Test
    void namesComeFromTheQuery() {
        assertEquals("MORTGAGE_PROPENSITY", TargetName.of(PredictiveQuery.parse(MORTGAGE, SCHEMA)));
        assertEquals("PREDICTED_SUM_AMOUNT", TargetName.of(PredictiveQuery.parse(
                "PREDICT SUM(PRODUCT_HOLDINGS.AMOUNT, 0, 30, days) FOR EACH CUSTOMERS.CUSTOMER_ID", SCHEMA)));
        assertEquals("COUNT_PROPENSITY", TargetName.of(PredictiveQuery.parse(
                "PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 30, days) > 0 FOR EACH CUSTOMERS.CUSTOMER_ID", SCHEMA)));
        assertEquals("P_1ST_PROPENSITY", TargetName.identifier("1st propensity"));
    }

    @Test
    void ranksBestFirstWithTiersByRankShareAndCutsToTop() {
        Table t = customers("Ann", "Bob", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivy", "Jo");
        double[] scores = {0.05, 0.9, 0.2, 0.9, 0.1, 0.3, 0.01, 0.5, 0.02, 0.4};
        int[] rows = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        ScoreTable out = PropensityTable.build(PredictiveQuery.parse(MORTGAGE, SCHEMA), t, rows, scores,
                ActionTiers.DEFAULT, 4);
        assertEquals(4, out.rowCount());
        assertEquals(List.of("CUSTOMER_ID", "NAME", "MORTGAGE_PROPENSITY", "RANK", "RECOMMENDED_ACTION"),
                out.columns().stream().map(c -> c.name()).toList());
        // Bob and Di tie at 0.9: input order decides, so the ranking is reproducible.
        assertArrayEquals(new Object[] {"Bob", "Di", "Hal", "Jo"},
                new Object[] {out.column(1).string(0), out.column(1).string(1), out.column(1).string(2),
                    out.column(1).string(3)});
        // Top 10 % of 10 = rank 1; up to 30 % = ranks 2-3; the rest suppressed.
        assertEquals("Priority Outreach", out.column(4).string(0));
        assertEquals("Nurture Campaign", out.column(4).string(1));
        assertEquals("Nurture Campaign", out.column(4).string(2));
        assertEquals("Suppress", out.column(4).string(3));
        assertEquals(4L, out.column(3).integer(3));
    }

    @Test
    void tierSharesAreValidated() {
        assertEquals(0.2, ActionTiers.parse("0.2, 0.5").outreachShare());
        assertThrows(SchemaException.class, () -> ActionTiers.parse("0.5,0.2"));
        assertThrows(SchemaException.class, () -> ActionTiers.parse("lots"));
    }
}

package org.relgraph.query;

import static org.relgraph.schema.SemanticType.BOOLEAN;
import static org.relgraph.schema.SemanticType.CATEGORICAL;
import static org.relgraph.schema.SemanticType.ID;
import static org.relgraph.schema.SemanticType.NUMERICAL;
import static org.relgraph.schema.SemanticType.TEXT;
import static org.relgraph.schema.SemanticType.TIMESTAMP;

import java.util.List;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.TableSchema;

/** The retail-bank schema of the "Predictive queries" issue, plus two tables that exist to provoke errors. */
final class BankSchema {
    private BankSchema() {
    }

    static Schema schema() {
        return new Schema(List.of(customers(), productHoldings(), interactionHistory(), offers(), branches(),
                transfers()));
    }

    static TableSchema customers() {
        return new TableSchema("CUSTOMERS", List.of(
                new ColumnSchema("CUSTOMER_ID", ID),
                new ColumnSchema("SEGMENT", CATEGORICAL),
                new ColumnSchema("AGE", NUMERICAL),
                new ColumnSchema("IS_ACTIVE", BOOLEAN),
                new ColumnSchema("NOTES", TEXT),
                new ColumnSchema("JOINED_AT", TIMESTAMP)),
                "CUSTOMER_ID", "JOINED_AT", List.of());
    }

    static TableSchema productHoldings() {
        return new TableSchema("PRODUCT_HOLDINGS", List.of(
                new ColumnSchema("HOLDING_ID", ID),
                new ColumnSchema("CUSTOMER_ID", ID),
                new ColumnSchema("PRODUCT", CATEGORICAL),
                new ColumnSchema("BALANCE", NUMERICAL),
                new ColumnSchema("OPENED_AT", TIMESTAMP)),
                "HOLDING_ID", "OPENED_AT", List.of(new ForeignKey("PRODUCT_HOLDINGS", "CUSTOMER_ID", "CUSTOMERS")));
    }

    static TableSchema interactionHistory() {
        return new TableSchema("INTERACTION_HISTORY", List.of(
                new ColumnSchema("INTERACTION_ID", ID),
                new ColumnSchema("CUSTOMER_ID", ID),
                new ColumnSchema("OFFER_ID", ID),
                new ColumnSchema("CHANNEL", CATEGORICAL),
                new ColumnSchema("OUTCOME", CATEGORICAL),
                new ColumnSchema("TS", TIMESTAMP)),
                "INTERACTION_ID", "TS", List.of(
                        new ForeignKey("INTERACTION_HISTORY", "CUSTOMER_ID", "CUSTOMERS"),
                        new ForeignKey("INTERACTION_HISTORY", "OFFER_ID", "OFFERS")));
    }

    static TableSchema offers() {
        return new TableSchema("OFFERS", List.of(
                new ColumnSchema("OFFER_ID", ID),
                new ColumnSchema("NAME", CATEGORICAL)),
                "OFFER_ID", null, List.of());
    }

    static TableSchema branches() {
        return new TableSchema("BRANCHES", List.of(
                new ColumnSchema("BRANCH_ID", ID),
                new ColumnSchema("CITY", CATEGORICAL),
                new ColumnSchema("OPENED", TIMESTAMP)),
                "BRANCH_ID", "OPENED", List.of());
    }

    static TableSchema transfers() {
        return new TableSchema("TRANSFERS", List.of(
                new ColumnSchema("TRANSFER_ID", ID),
                new ColumnSchema("FROM_CUSTOMER", ID),
                new ColumnSchema("TO_CUSTOMER", ID),
                new ColumnSchema("AMOUNT", NUMERICAL),
                new ColumnSchema("AT", TIMESTAMP)),
                "TRANSFER_ID", "AT", List.of(
                        new ForeignKey("TRANSFERS", "FROM_CUSTOMER", "CUSTOMERS"),
                        new ForeignKey("TRANSFERS", "TO_CUSTOMER", "CUSTOMERS")));
    }
}

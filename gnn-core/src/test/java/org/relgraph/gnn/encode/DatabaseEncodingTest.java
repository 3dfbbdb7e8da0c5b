package org.relgraph.gnn.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.relgraph.gnn.encode.TestTables.categorical;
import static org.relgraph.gnn.encode.TestTables.ids;
import static org.relgraph.gnn.encode.TestTables.ms;
import static org.relgraph.gnn.encode.TestTables.numerical;
import static org.relgraph.gnn.encode.TestTables.table;
import static org.relgraph.gnn.encode.TestTables.timestamps;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

class DatabaseEncodingTest {
    @Test
    void everyTableIsFittedOnItsOwnRowsKnownByTheCutoff() {
        Table customers = table("customers", "id", null, List.of(),
                ids("id", 1, 2, 3),
                categorical("segment", "retail", "retail", "corporate"));
        ForeignKey fk = new ForeignKey("orders", "customer_id", "customers");
        Table orders = table("orders", "id", "ts", List.of(fk),
                ids("id", 10, 11, 12, 13),
                ids("customer_id", 1, 2, 3, 1),
                timestamps("ts", "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "2024-03-01T00:00:00Z",
                        "2024-03-02T00:00:00Z"),
                numerical("total", 5.0, 7.0, 500.0, 700.0));
        Database db = new Database(new Schema(List.of(customers.schema(), orders.schema())), List.of(customers, orders));

        DatabaseEncoding enc = DatabaseEncoding.fit(db, ms("2024-01-31T00:00:00Z"), EncodingConfig.defaults());

        assertEquals(3, enc.table("customers").fitRowCount(), "a static table uses every row");
        assertEquals(2, enc.table("orders").fitRowCount());
        assertEquals(6.0, ((NumericalEncoding) enc.table("orders").columns().get(1)).median());
        assertEquals(List.of("ts", "total"),
                enc.table("Orders").columns().stream().map(ColumnEncoding::column).toList());
    }

    @Test
    void twoEncodingsForOneTableAreRefused() {
        TableEncoding a = new TableEncoding("orders", 0, 0, List.of());
        TableEncoding b = new TableEncoding("ORDERS", 0, 0, List.of());
        assertThrows(IllegalArgumentException.class, () -> new DatabaseEncoding(List.of(a, b)));
    }
}

package org.relgraph.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.relgraph.schema.ForeignKey;
import org.relgraph.testdata.TestTable;

/** The leakage audit's masked copies: what a mask changes is linked again, the rest keeps its links. */
class MaskedDatabaseTest {
    private static Database bank() {
        Table customers = TestTable.named("customers").primaryKey("id", 1, 2).number("age", 30, 40).build();
        Table tx = TestTable.named("tx").primaryKey("id", 1, 2, 3).time("ts", 3L, 2L, 1L)
                .foreignKey("customer_id", "customers", 2L, 1L, 2L).build();
        Table visits = TestTable.named("visits").primaryKey("id", 1, 2).time("ts", 5L, 6L)
                .foreignKey("customer_id", "customers", 1L, 1L).build();
        return TestTable.database(customers, tx, visits);
    }

    private static ForeignKey fk(Database db, String table) {
        return db.schema().foreignKeys().stream().filter(f -> f.table().equals(table)).findFirst().orElseThrow();
    }

    @Test
    void anEmptiedTableIsUnlinkedAndTheOtherKeysKeepTheirParentRows() {
        Database db = bank();
        Database masked = db.withEmptyTable("tx");
        assertSame(db.parentRows(fk(db, "visits")), masked.parentRows(fk(masked, "visits")));
        assertEquals(0, masked.parentRows(fk(masked, "tx")).length);

        Database noCustomers = db.withEmptyTable("customers");
        assertArrayEquals(new int[] {KeyIndex.MISSING, KeyIndex.MISSING},
                noCustomers.parentRows(fk(noCustomers, "visits")), "a parent emptied leaves every child unlinked");
    }

    @Test
    void aNulledKeyColumnIsLinkedAgainAndAnotherColumnKeepsTheLinks() {
        Database db = bank();
        Database keyless = db.withNullColumn("visits", "customer_id");
        assertArrayEquals(new int[] {KeyIndex.MISSING, KeyIndex.MISSING}, keyless.parentRows(fk(keyless, "visits")));
        assertSame(db.parentRows(fk(db, "tx")), keyless.parentRows(fk(keyless, "tx")));
        Database timeless = db.withNullColumn("visits", "ts");
        assertNotSame(db.table("visits"), timeless.table("visits"));
        assertSame(db.parentRows(fk(db, "visits")), timeless.parentRows(fk(timeless, "visits")),
                "a column that is no key leaves the key's links alone, though its table is a new object");
    }

    /**
     * The audit masks the entity's value columns, and the entity is the parent of most keys: they keep their links
     * (on a 1M-customer bank, 0.8 GB of parent rows and a key index of the customers per column masked).
     */
    @Test
    void aNulledValueColumnOfTheParentKeepsEveryLink() {
        Database db = bank();
        Database ageless = db.withNullColumn("customers", "age");
        assertSame(db.parentRows(fk(db, "tx")), ageless.parentRows(fk(ageless, "tx")));
        assertSame(db.parentRows(fk(db, "visits")), ageless.parentRows(fk(ageless, "visits")));

        Database keyless = db.withNullColumn("customers", "id");
        assertArrayEquals(new int[] {KeyIndex.MISSING, KeyIndex.MISSING, KeyIndex.MISSING},
                keyless.parentRows(fk(keyless, "tx")), "a nulled primary key is linked again: nothing matches it");
    }
}

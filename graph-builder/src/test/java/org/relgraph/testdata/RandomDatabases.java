package org.relgraph.testdata;

import java.util.Random;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

/**
 * Random small e-commerce-like databases exercising what real data has: static and timed tables, null and
 * dangling foreign keys, null times, duplicate times, a self-reference, two keys between the same tables,
 * and primary keys that are not row numbers.
 */
public final class RandomDatabases {
    public static final long T0 = 1_700_000_000_000L;

    private RandomDatabases() {
    }

    public static Database generate(Random rnd) {
        // A third of the databases have complete keys, exercising the one-edge-per-source fast path.
        boolean completeKeys = rnd.nextInt(3) == 0;
        int users = 1 + rnd.nextInt(30);
        int items = 1 + rnd.nextInt(15);
        int orders = rnd.nextInt(120);
        int reviews = rnd.nextInt(80);
        boolean usersTimed = rnd.nextBoolean();

        TestTable u = TestTable.named("users").primaryKey("user_id", ids(users));
        if (usersTimed) {
            u.time("signup", times(rnd, users));
        }
        u.foreignKey("referrer_id", "users", keys(rnd, users, users, completeKeys));
        Table userTable = u.build();
        Table itemTable = TestTable.named("items").primaryKey("item_id", ids(items)).build();
        Table orderTable = TestTable.named("orders").primaryKey("order_id", ids(orders))
                .time("ordered_at", times(rnd, orders))
                .foreignKey("user_id", "users", keys(rnd, users, orders, completeKeys))
                .foreignKey("item_id", "items", keys(rnd, items, orders, completeKeys))
                .foreignKey("gift_for", "users", keys(rnd, users, orders, completeKeys))
                .build();
        Table reviewTable = TestTable.named("reviews").primaryKey("review_id", ids(reviews))
                .time("written_at", times(rnd, reviews))
                .foreignKey("order_id", "orders", keys(rnd, orders, reviews, completeKeys))
                .foreignKey("user_id", "users", keys(rnd, users, reviews, completeKeys))
                .build();
        return TestTable.database(userTable, itemTable, orderTable, reviewTable);
    }

    /** Keys 10, 13, 16, ... so that key != row number. */
    private static long[] ids(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 10 + 3L * i;
        }
        return ids;
    }

    /** Times on a coarse grid so that ties are common; about 3% null. */
    private static Long[] times(Random rnd, int n) {
        Long[] t = new Long[n];
        for (int i = 0; i < n; i++) {
            t[i] = rnd.nextInt(33) == 0 ? null : T0 + 1000L * rnd.nextInt(50);
        }
        return t;
    }

    /** Valid parent keys, or unless {@code complete} about 10% null and 10% dangling (no such parent). */
    private static Long[] keys(Random rnd, int parents, int n, boolean complete) {
        Long[] k = new Long[n];
        for (int i = 0; i < n; i++) {
            int roll = complete ? 9 : rnd.nextInt(10);
            if (roll == 0 || parents == 0) {
                k[i] = null;
            } else if (roll == 1) {
                k[i] = 11L + 3L * rnd.nextInt(parents);
            } else {
                k[i] = 10L + 3L * rnd.nextInt(parents);
            }
        }
        return k;
    }
}

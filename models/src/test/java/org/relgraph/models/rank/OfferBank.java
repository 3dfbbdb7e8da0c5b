package org.relgraph.models.rank;

import static org.relgraph.schema.SemanticType.CATEGORICAL;
import static org.relgraph.schema.SemanticType.ID;
import static org.relgraph.schema.SemanticType.TIMESTAMP;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * Customers with a hidden taste: half accept offers o1/o2 far more often, half o3/o4. Every 10 days each customer
 * is shown one random offer on a random channel. Collaborative filtering can find a customer's taste only from its
 * own past acceptances; popularity cannot. Offers are also products (products.product_id = offer index), so the
 * same table serves a LIST_DISTINCT query.
 */
final class OfferBank {
    static final long DAY = 86_400_000L;
    static final long START = 1_704_067_200_000L;
    static final List<String> OFFERS = List.of("o1", "o2", "o3", "o4");
    static final List<String> CHANNELS = List.of("app", "branch");
    static final List<String> OUTCOMES = List.of("Accepted", "Declined");
    static final String NBA = "PREDICT ARGMAX(interactions.outcome = 'Accepted', 0, 30, days) "
            + "FOR EACH customers.customer_id";
    static final String NEXT_PRODUCTS = "PREDICT LIST_DISTINCT(interactions.product_id, 0, 30, days) RANK TOP 2 "
            + "FOR EACH customers.customer_id";

    private OfferBank() {
    }

    /** @param extra one more interaction {customer, offer, channel, outcome, time}, or null */
    static Database generate(int customers, long seed, long[] extra) {
        return generate(customers, seed, extra, 0);
    }

    /**
     * As {@link #generate}, but a share {@code tasteShown} of the offers shown are drawn from the customer's taste
     * (o1/o2 or o3/o4), so which products a customer interacts with next — the LIST_DISTINCT label — follows the
     * products of its own history; with 0 every offer is uniform (the same stream as {@link #generate}).
     */
    static Database generate(int customers, long seed, long[] extra, double tasteShown) {
        Random random = new Random(seed);
        List<long[]> rows = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            boolean firstTaste = c % 2 == 0;
            for (int day = 0; day < 360; day += 10) {
                int offer = tasteShown > 0 && random.nextDouble() < tasteShown
                        ? (firstTaste ? 0 : 2) + random.nextInt(2) : random.nextInt(OFFERS.size());
                boolean liked = (offer < 2) == firstTaste;
                boolean accepted = random.nextDouble() < (liked ? 0.7 : 0.05);
                rows.add(new long[] {c, offer, random.nextInt(2), accepted ? 0 : 1,
                        START + day * DAY + random.nextInt(86_400) * 1000L});
            }
        }
        if (extra != null) {
            rows.add(extra);
        }
        Schema schema = new Schema(List.of(
                new TableSchema("customers", List.of(new ColumnSchema("customer_id", ID)), "customer_id", null,
                        List.of()),
                new TableSchema("products", List.of(new ColumnSchema("product_id", ID)), "product_id", null,
                        List.of()),
                new TableSchema("interactions", List.of(new ColumnSchema("interaction_id", ID),
                        new ColumnSchema("customer_id", ID), new ColumnSchema("product_id", ID),
                        new ColumnSchema("offer", CATEGORICAL), new ColumnSchema("channel", CATEGORICAL),
                        new ColumnSchema("outcome", CATEGORICAL), new ColumnSchema("ts", TIMESTAMP)),
                        "interaction_id", "ts",
                        List.of(new ForeignKey("interactions", "customer_id", "customers"),
                                new ForeignKey("interactions", "product_id", "products")))));
        int n = rows.size();
        long[] ids = new long[n];
        long[] customer = new long[n];
        long[] product = new long[n];
        int[] offer = new int[n];
        int[] channel = new int[n];
        int[] outcome = new int[n];
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            long[] r = rows.get(i);
            ids[i] = i;
            customer[i] = r[0];
            product[i] = r[1];
            offer[i] = (int) r[1];
            channel[i] = (int) r[2];
            outcome[i] = (int) r[3];
            ts[i] = r[4];
        }
        long[] customerIds = new long[customers];
        for (int c = 0; c < customers; c++) {
            customerIds[c] = c;
        }
        return new Database(schema, List.of(
                new Table(schema.requireTable("customers"), List.of(
                        new LongColumn("customer_id", ID, customerIds, new BitSet()))),
                new Table(schema.requireTable("products"), List.of(
                        new LongColumn("product_id", ID, new long[] {0, 1, 2, 3}, new BitSet()))),
                new Table(schema.requireTable("interactions"), List.of(
                        new LongColumn("interaction_id", ID, ids, new BitSet()),
                        new LongColumn("customer_id", ID, customer, new BitSet()),
                        new LongColumn("product_id", ID, product, new BitSet()),
                        new CategoricalColumn("offer", CATEGORICAL, offer, OFFERS),
                        new CategoricalColumn("channel", CATEGORICAL, channel, CHANNELS),
                        new CategoricalColumn("outcome", CATEGORICAL, outcome, OUTCOMES),
                        new LongColumn("ts", TIMESTAMP, ts, new BitSet())))));
    }
}

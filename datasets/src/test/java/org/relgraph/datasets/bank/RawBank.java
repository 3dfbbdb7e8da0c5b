package org.relgraph.datasets.bank;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generated bank read straight from its CSV files, per customer, with times parsed here: the reference that
 * query labels are recomputed from, so a loader or labeller mistake cannot also sit in the expected values.
 */
final class RawBank {
    /**
     * One child row of a customer.
     *
     * @param kind   the row's category: product, merchant category or outcome
     * @param ref    product_id for holdings, 0 otherwise
     * @param amount transaction amount, 0 otherwise
     */
    record Event(long id, long time, String kind, long ref, double amount) {
    }

    /** Customer id → created_at (epoch ms), in id order so sampling and iteration are deterministic. */
    final TreeMap<Long, Long> createdAt = new TreeMap<>();
    final Map<Long, String> segment = new HashMap<>();
    final Map<Long, List<Event>> holdings = new HashMap<>();
    final Map<Long, List<Event>> transactions = new HashMap<>();
    final Map<Long, List<Event>> interactions = new HashMap<>();

    static RawBank read(Path dir) {
        RawBank bank = new RawBank();
        CsvRows.forEach(dir.resolve("customers.csv"), r -> {
            bank.createdAt.put(r.getLong("customer_id"), date(r.get("created_at")));
            bank.segment.put(r.getLong("customer_id"), r.get("segment"));
        });
        CsvRows.forEach(dir.resolve("product_holdings.csv"), r -> add(bank.holdings, r.getLong("customer_id"),
                new Event(r.getLong("holding_id"), date(r.get("open_date")), r.get("product"),
                        r.getLong("product_id"), 0)));
        CsvRows.forEach(dir.resolve("transactions.csv"), r -> add(bank.transactions, r.getLong("customer_id"),
                new Event(r.getLong("txn_id"), timestamp(r.get("timestamp")), r.get("merchant_category"), 0,
                        Double.parseDouble(r.get("amount")))));
        CsvRows.forEach(dir.resolve("interaction_history.csv"), r -> add(bank.interactions,
                r.getLong("customer_id"), new Event(r.getLong("interaction_id"), timestamp(r.get("timestamp")),
                        r.get("outcome"), 0, 0)));
        return bank;
    }

    List<Event> holdingsOf(long customer) {
        return holdings.getOrDefault(customer, List.of());
    }

    List<Event> transactionsOf(long customer) {
        return transactions.getOrDefault(customer, List.of());
    }

    List<Event> interactionsOf(long customer) {
        return interactions.getOrDefault(customer, List.of());
    }

    /** Whether the customer exists at {@code t}: joined at or before it. */
    boolean exists(long customer, long t) {
        return createdAt.get(customer) <= t;
    }

    private static void add(Map<Long, List<Event>> byCustomer, long customer, Event e) {
        byCustomer.computeIfAbsent(customer, k -> new ArrayList<>()).add(e);
    }

    static long date(String iso) {
        return LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** {@code yyyy-MM-dd HH:mm:ss}, UTC. */
    static long timestamp(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}

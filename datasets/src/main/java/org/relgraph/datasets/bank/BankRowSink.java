package org.relgraph.datasets.bank;

import java.io.IOException;

/**
 * Receives generated rows in generation order (customer by customer). Row ids of child tables are assigned by
 * the sink, in the order rows arrive, so a simulation that discards its rows (the oracle) needs no id logic.
 * Nullable numbers are passed as NaN (doubles) or negative values (counts, ages).
 */
interface BankRowSink {
    /** Discards everything: used to replay the simulation for the oracle without writing files. */
    BankRowSink DISCARD = new BankRowSink() {
    };

    default void catalogEntry(Product product) throws IOException {
    }

    /** @param age negative when the age is missing */
    default void customer(long customerId, String name, int age, Segment segment, LifeStage lifeStage,
                          int productsHeld, double tenureYears, long createdEpochDay) throws IOException {
    }

    default void transaction(long customerId, MerchantCategory category, double amount, int frequency30d,
                             long epochSecond) throws IOException {
    }

    /** @param balance NaN when missing; @param trend3mo NaN when fewer than three months of history exist */
    default void balance(long customerId, AccountType accountType, double balance, double trend3mo,
                         long snapshotEpochDay) throws IOException {
    }

    default void holding(long customerId, Product product, HoldingStatus status, long openEpochDay)
            throws IOException {
    }

    default void interaction(long customerId, Channel channel, Product offer, Outcome outcome, long epochSecond)
            throws IOException {
    }
}

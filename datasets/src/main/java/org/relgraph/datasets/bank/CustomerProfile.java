package org.relgraph.datasets.bank;

/**
 * The traits a customer keeps for the whole history, latent ones included.
 *
 * @param age              true age at the start date; drives behaviour even when {@code ageMissing}
 * @param ageMissing       the age column is null for this customer (data-entry gap, not a behavioural trait)
 * @param createdEpochDay  when the customer joined the bank
 * @param firstMonth       first simulated month the customer exists in (0 for customers who joined before the
 *                         start; the join month for recent joiners, who arrive with no history: cold start)
 * @param preferredChannel the channel through which offers are most often accepted; latent
 * @param receptiveness    standard-normal propensity to accept offers; latent
 * @param txnsPerMonth     mean number of ordinary transactions per month (before seasonality)
 * @param landlord         owns rental property: frequent real-estate spending with no house-search intent, a
 *                         deliberate false positive for the real-estate signal
 * @param saver            saves in bursts unrelated to a house move, a false positive for the savings-trend signal
 * @param categoryWeights  personal merchant mix, indexed by {@link MerchantCategory#ordinal()}
 */
record CustomerProfile(long customerId, String name, int age, boolean ageMissing, LifeStage lifeStage,
                       Segment segment, SpendingCluster cluster, Channel preferredChannel, double receptiveness,
                       double txnsPerMonth, boolean landlord, boolean saver, long createdEpochDay, int firstMonth,
                       double currentBalanceLevel, double savingsStart, double[] categoryWeights) {

    boolean joinedDuringHistory(long startDay) {
        return createdEpochDay >= startDay;
    }
}

package org.relgraph.datasets.bank;

/**
 * What the oracle needs to know about one simulated customer, beyond the rows written.
 *
 * @param mortgageAtFirstAppearance held an active mortgage when first seen (opened before the history or at join)
 * @param mortgageOpenMonth         month a mortgage was opened during the history, or -1
 * @param stateAtMonthStart         latent search state at the start of each month, before that month's transition;
 *                                  index {@code months} is the state after the last month
 */
record CustomerTimeline(CustomerProfile profile, boolean mortgageAtFirstAppearance, int mortgageOpenMonth,
                        SearchState[] stateAtMonthStart) {
}

package org.relgraph.datasets.bank;

/**
 * The latent house-search state of a customer during one month.
 *
 * @param phase       not searching, seriously searching (saving for a deposit, likely to buy) or browsing
 * @param monthsIn    months since the search started (0 in its first month); 0 when not searching
 */
record SearchState(Phase phase, int monthsIn) {
    enum Phase { NONE, SERIOUS, BROWSING }

    static final SearchState NONE = new SearchState(Phase.NONE, 0);

    boolean searching() {
        return phase != Phase.NONE;
    }
}

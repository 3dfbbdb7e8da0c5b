package org.relgraph.datasets.bank;

/**
 * The synthetic bank's reference predictive queries: the demo's task, which the benchmarks, probes and tests of
 * every module train and score, written once so that they all mean the same task.
 */
public final class BankQueries {
    /**
     * Mortgage propensity: will a customer who holds no mortgage take one in the next six months (the README's
     * first example, and {@code relgraph demo}'s model).
     */
    public static final String MORTGAGE = "PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 6, months) "
            + "FOR EACH CUSTOMERS.CUSTOMER_ID WHERE PRODUCT_HOLDINGS.PRODUCT != 'Mortgage'";

    private BankQueries() {
    }
}

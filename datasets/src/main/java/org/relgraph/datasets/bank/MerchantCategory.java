package org.relgraph.datasets.bank;

/**
 * Merchant categories with their spend distribution. Amounts are log-normal: {@code exp(N(ln median, sigma))},
 * so a few transactions per category are much larger than typical.
 */
public enum MerchantCategory {
    GROCERIES("groceries", 9, 45, 0.6),
    RESTAURANTS("restaurants", 5, 35, 0.7),
    FUEL("fuel", 4, 55, 0.4),
    RETAIL("retail", 4, 60, 0.9),
    ONLINE_SHOPPING("online shopping", 4, 40, 0.9),
    TRAVEL("travel", 1.2, 250, 1.0),
    ENTERTAINMENT("entertainment", 2.5, 30, 0.7),
    UTILITIES("utilities", 3, 90, 0.4),
    HEALTH("health", 1.2, 50, 0.8),
    EDUCATION("education", 0.6, 150, 0.9),
    HOME_IMPROVEMENT("home improvement", 0.8, 120, 1.0),
    FURNITURE("furniture", 0.3, 300, 0.9),
    MOVING("moving", 0.05, 600, 0.7),
    REAL_ESTATE("real estate", 0.04, 400, 1.1);

    private final String label;
    /** Relative frequency in an ordinary month, before cluster, season and life-event adjustments. */
    final double baseWeight;
    final double medianAmount;
    final double amountSigma;

    MerchantCategory(String label, double baseWeight, double medianAmount, double amountSigma) {
        this.label = label;
        this.baseWeight = baseWeight;
        this.medianAmount = medianAmount;
        this.amountSigma = amountSigma;
    }

    public String label() {
        return label;
    }
}

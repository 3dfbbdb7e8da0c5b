package org.relgraph.datasets.bank;

/** Customer value tier; it shifts spending, balances, product eligibility and the base rate of a house move. */
public enum Segment {
    MASS_MARKET("Mass Market", 1.0, 0.8),
    MASS_AFFLUENT("Mass Affluent", 2.2, 1.4),
    PREMIER("Premier", 5.0, 1.2);

    private final String label;
    /** Scales balances and spend: affluent customers hold and move more money. */
    final double wealth;
    /** Scales the monthly chance of starting a house search (signal (a): visible in the customer row). */
    final double houseSearchMultiplier;

    Segment(String label, double wealth, double houseSearchMultiplier) {
        this.label = label;
        this.wealth = wealth;
        this.houseSearchMultiplier = houseSearchMultiplier;
    }

    public String label() {
        return label;
    }
}

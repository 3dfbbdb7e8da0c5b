package org.relgraph.datasets.bank;

/** Where a customer is in life; drawn from age with noise, and the strongest single-row driver of a house move. */
public enum LifeStage {
    STUDENT("Student", 0.15),
    YOUNG_PROFESSIONAL("Young Professional", 1.6),
    YOUNG_FAMILY("Young Family", 2.0),
    ESTABLISHED_FAMILY("Established Family", 0.8),
    EMPTY_NESTER("Empty Nester", 0.45),
    RETIRED("Retired", 0.15);

    private final String label;
    /** Scales the monthly chance of starting a house search (signal (a)). */
    final double houseSearchMultiplier;

    LifeStage(String label, double houseSearchMultiplier) {
        this.label = label;
        this.houseSearchMultiplier = houseSearchMultiplier;
    }

    public String label() {
        return label;
    }
}

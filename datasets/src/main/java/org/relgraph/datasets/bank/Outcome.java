package org.relgraph.datasets.bank;

/** A customer's response to an offer. */
public enum Outcome {
    ACCEPTED("Accepted"),
    DECLINED("Declined"),
    IGNORED("Ignored");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

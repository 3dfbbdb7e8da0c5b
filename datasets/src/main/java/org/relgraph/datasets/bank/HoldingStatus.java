package org.relgraph.datasets.bank;

/**
 * Status of a holding as known at its open date plus closures that happened before the history starts.
 * Closures inside the simulated window are not back-filled into the row, which would leak the future into a
 * row stamped with its open date.
 */
public enum HoldingStatus {
    ACTIVE("active"),
    CLOSED("closed");

    private final String label;

    HoldingStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package org.relgraph.datasets.bank;

/** How an offer reaches a customer. */
public enum Channel {
    EMAIL("email", 0.45),
    MOBILE_APP("mobile app", 0.30),
    BRANCH("branch", 0.13),
    CALL_CENTRE("call centre", 0.12);

    private final String label;
    /** How often the bank picks this channel for an offer; independent of the customer's preference. */
    final double bankShare;

    Channel(String label, double bankShare) {
        this.label = label;
        this.bankShare = bankShare;
    }

    public String label() {
        return label;
    }
}

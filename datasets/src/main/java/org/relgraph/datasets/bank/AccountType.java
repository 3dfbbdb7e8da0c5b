package org.relgraph.datasets.bank;

/** Accounts whose month-end balances are snapshotted. Every customer has a current and a savings account. */
public enum AccountType {
    CURRENT("current"),
    SAVINGS("savings"),
    /** Only for holders of an Investment Account. */
    INVESTMENT("investment");

    private final String label;

    AccountType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

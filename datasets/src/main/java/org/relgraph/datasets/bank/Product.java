package org.relgraph.datasets.bank;

/** The bank's products: the rows of PRODUCT_CATALOG, whose primary key is {@link #id()}. */
public enum Product {
    MORTGAGE("Mortgage", "Lending", "Mass Market"),
    CREDIT_CARD("Credit Card", "Cards", "Mass Market"),
    PERSONAL_LOAN("Personal Loan", "Lending", "Mass Market"),
    SAVINGS("Savings", "Deposits", "Mass Market"),
    INVESTMENT_ACCOUNT("Investment Account", "Wealth", "Mass Affluent"),
    INSURANCE("Insurance", "Protection", "Mass Market");

    private final String label;
    private final String category;
    private final String eligibilitySegment;

    Product(String label, String category, String eligibilitySegment) {
        this.label = label;
        this.category = category;
        this.eligibilitySegment = eligibilitySegment;
    }

    /** Catalog key: 1-based so that 0 never looks like a valid id in a CSV. */
    public long id() {
        return ordinal() + 1L;
    }

    public String label() {
        return label;
    }

    public String category() {
        return category;
    }

    /** The lowest segment the product is marketed to. */
    public String eligibilitySegment() {
        return eligibilitySegment;
    }
}

package org.relgraph.query;

/** A comparison between a value and a literal. */
public enum CompareOp {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    CompareOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether the operator needs an ordered type; categories only support = and !=. */
    public boolean isOrdering() {
        return this != EQ && this != NE;
    }

    /** The outcome of this comparison given {@code Integer.compare}-style {@code cmp}. */
    public boolean holds(int cmp) {
        return switch (this) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
        };
    }
}

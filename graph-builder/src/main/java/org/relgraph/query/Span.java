package org.relgraph.query;

/** Where a piece of a query sits in its text: a character offset and a length (at least 1 for carets). */
public record Span(int offset, int length) {
    public Span {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("span " + offset + "+" + length);
        }
    }

    /** The smallest span covering both, so an error can underline a whole expression. */
    public Span to(Span other) {
        int start = Math.min(offset, other.offset);
        int end = Math.max(offset + length, other.offset + other.length);
        return new Span(start, end - start);
    }
}

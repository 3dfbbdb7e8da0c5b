package org.relgraph.query;

import org.relgraph.schema.SchemaException;

/**
 * A predictive query the user must fix. The message names the problem, its line and column, and repeats the
 * offending line with carets under the offending token, so the error reads well in a terminal:
 * <pre>
 * unknown column 'PRODCT' in table PRODUCT_HOLDINGS at line 1, column 30
 * PREDICT BOOL(PRODUCT_HOLDINGS.PRODCT = 'Mortgage', 0, 6, months)
 *                              ^^^^^^
 * hint: did you mean 'PRODUCT'?
 * </pre>
 */
public final class QueryException extends SchemaException {
    private final String problem;
    private final int line;
    private final int column;

    private QueryException(String problem, String hint, int line, int column, String excerpt) {
        super(problem + " at line " + line + ", column " + column + "\n" + excerpt, hint);
        this.problem = problem;
        this.line = line;
        this.column = column;
    }

    /** An error about the text under {@code span} of {@code source}; {@code hint} may be null. */
    public static QueryException at(String source, Span span, String problem, String hint) {
        int offset = Math.min(span.offset(), source.length());
        int lineStart = source.lastIndexOf('\n', offset - 1) + 1;
        int lineEnd = source.indexOf('\n', offset);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        int line = 1;
        for (int i = 0; i < lineStart; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        String text = source.substring(lineStart, lineEnd).replace("\r", "");
        StringBuilder caret = new StringBuilder();
        for (int i = lineStart; i < offset; i++) {
            // Copy tabs so the carets line up under the token however the terminal renders tabs.
            caret.append(source.charAt(i) == '\t' ? '\t' : ' ');
        }
        int width = Math.max(1, Math.min(span.length(), lineEnd - offset));
        caret.append("^".repeat(width));
        return new QueryException(problem, hint, line, offset - lineStart + 1, text + "\n" + caret);
    }

    /** The problem alone, without position or excerpt. */
    public String problem() {
        return problem;
    }

    /** 1-based line of the offending token. */
    public int line() {
        return line;
    }

    /** 1-based column of the offending token. */
    public int column() {
        return column;
    }

    /** The message, excerpt and caret, then the hint on a line of its own. */
    @Override
    public String userMessage() {
        return hint() == null || hint().isBlank() ? getMessage() : getMessage() + "\nhint: " + hint();
    }
}

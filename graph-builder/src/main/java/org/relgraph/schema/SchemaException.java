package org.relgraph.schema;

/** A schema or data problem a user can fix; carries a hint saying how. */
public class SchemaException extends RuntimeException {
    private final String hint;

    public SchemaException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public SchemaException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }

    /** One line for a terminal: the problem, then what to do about it. */
    public String userMessage() {
        return hint == null || hint.isBlank() ? getMessage() : getMessage() + " (hint: " + hint + ")";
    }
}

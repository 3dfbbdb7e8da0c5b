package org.relgraph.models.output;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.relgraph.schema.SchemaException;

/** Asserts a secret appears nowhere a user or a log could see it: message, hint, causes, stack trace. */
final class PasswordLeaks {
    private PasswordLeaks() {
    }

    static void assertNotIn(SchemaException error, String secret) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String everything = error.userMessage() + "\n" + error + "\n" + trace;
        assertFalse(everything.contains(secret), "secret leaked: " + everything);
    }
}

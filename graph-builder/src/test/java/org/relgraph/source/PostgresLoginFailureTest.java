package org.relgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.relgraph.schema.SchemaException;

/** The driver's refusals to log in, as the driver raises them (no server needed). */
class PostgresLoginFailureTest {
    private static final PSQLException NO_PASSWORD = new PSQLException(
            "The server requested SCRAM-based authentication, but no password was provided.",
            PSQLState.CONNECTION_REJECTED);

    @Test
    void noPasswordGivenSaysSoAndNamesTheVariables() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db:5432/bank?user=ana", Map.of());
        SchemaException e = PostgresLoginFailure.of(url, NO_PASSWORD).orElseThrow();
        assertEquals("PostgreSQL at db:5432 asks user 'ana' for a password, and none was given", e.getMessage());
        assertTrue(e.hint().contains("PGUSER") && e.hint().contains("PGPASSWORD"), e.hint());
        assertFalse(e.userMessage().contains("running"), "the server answered: " + e.userMessage());
    }

    @Test
    void aRejectionDespiteAPasswordQuotesTheServerWithoutThePassword() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db:5432/bank?user=ana&password=hunter2", Map.of());
        SchemaException e = PostgresLoginFailure.of(url, new PSQLException("rejected hunter2",
                PSQLState.CONNECTION_REJECTED)).orElseThrow();
        assertTrue(e.getMessage().startsWith("PostgreSQL at db:5432 rejected the connection of user 'ana'"),
                e.getMessage());
        assertFalse(e.userMessage().contains("hunter2"), e.userMessage());
    }

    @Test
    void anUnreachableServerIsNotALoginFailure() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db:5432/bank", Map.of());
        assertTrue(PostgresLoginFailure.of(url, new PSQLException("Connection refused",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT)).isEmpty());
    }
}

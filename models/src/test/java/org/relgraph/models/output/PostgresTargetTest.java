package org.relgraph.models.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.SchemaException;

/** URL handling that needs no server: what reaches the driver, where credentials come from, unreachable hosts. */
class PostgresTargetTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void relgraphParametersAndCredentialsAreStrippedFromTheDriverUrl() {
        PostgresTarget target = PostgresTarget.parse("jdbc:postgresql://db.bank:6432/scoring?sslmode=require"
                + "&table=Mortgage_Scores&user=scorer&password=p%40ss%26word&schema=Marketing&connectTimeout=5",
                NO_ENV::get);

        // Driver options travel as connection properties, like the credentials, so the URL holds no secret.
        assertEquals("jdbc:postgresql://db.bank:6432/scoring", target.url().jdbcUrl());
        assertEquals("require", target.url().properties().getProperty("sslmode"));
        assertEquals("5", target.url().properties().getProperty("connectTimeout"), "the URL's timeout wins");
        assertEquals("p@ss&word", target.url().properties().getProperty("password"), "decoded");
        assertNull(target.url().properties().getProperty("table"), "relgraph's own parameter is not the driver's");
        assertNull(target.url().properties().getProperty("schema"));
        assertEquals("mortgage_scores", target.table());
        assertEquals("marketing", target.schema());
        assertEquals("scorer", target.user());
        assertEquals("db.bank:6432/scoring", target.location());
    }

    @Test
    void credentialsFallBackToPgUserAndPgPassword() {
        PostgresTarget target = PostgresTarget.parse("jdbc:postgresql://localhost/scoring?table=t",
                Map.of("PGUSER", "env_user", "PGPASSWORD", "env_pw")::get);

        assertEquals("env_user", target.user());
        assertEquals("env_pw", target.url().properties().getProperty("password"));
        assertEquals("jdbc:postgresql://localhost/scoring", target.url().jdbcUrl());
        assertNull(target.schema());
    }

    @Test
    void credentialsInTheUrlWinOverTheEnvironment() {
        PostgresTarget target = PostgresTarget.parse("jdbc:postgresql://localhost/scoring?user=url_user&table=t",
                Map.of("PGUSER", "env_user")::get);

        assertEquals("url_user", target.user());
    }

    @Test
    void aUrlWithoutTableIsAOneLineErrorThatShowsNoPassword() {
        SchemaException error = assertThrows(SchemaException.class, () -> PostgresTarget.parse(
                "jdbc:postgresql://localhost:5432/scoring?user=u&password=hunter2", NO_ENV::get));

        assertEquals("PostgreSQL output localhost:5432/scoring names no table", error.getMessage());
        assertTrue(error.hint().contains("?table=mortgage_scores"), error.hint());
        PasswordLeaks.assertNotIn(error, "hunter2");
    }

    @Test
    void anUnreachableServerIsAOneLineErrorThatShowsNoPassword() {
        // Port 1 on localhost refuses at once, so this needs no server and no timeout.
        SchemaException error = assertThrows(SchemaException.class, () -> ScoreOutputs.open(
                "jdbc:postgresql://localhost:1/scoring?table=t&user=u&password=hunter2",
                new WriteOptions(LocalDate.of(2025, 3, 31), "gnn-v1")));

        assertTrue(error.getMessage().startsWith("cannot reach PostgreSQL at localhost:1/scoring"), error.getMessage());
        assertTrue(error.hint().contains("host and port"), error.hint());
        PasswordLeaks.assertNotIn(error, "hunter2");
    }

    @Test
    void anotherJdbcDatabaseIsRejectedWithoutEchoingItsParameters() {
        SchemaException error = assertThrows(SchemaException.class, () -> ScoreOutputs.open(
                "jdbc:mysql://localhost/scoring?password=hunter2", new WriteOptions(LocalDate.of(2025, 3, 31), "m")));

        assertEquals("unsupported output database in jdbc:mysql://localhost/scoring", error.getMessage());
        PasswordLeaks.assertNotIn(error, "hunter2");
    }
}

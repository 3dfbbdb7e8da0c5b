package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a user sees when the database cannot be read: one error line and one hint, never the password. */
class PostgresErrorsCommandTest {
    private static void assertOneLineWithHint(RelgraphCommandTest.Run r, String secret) {
        assertEquals(2, r.code, r.out + r.err);
        List<String> lines = r.errorLines();
        assertEquals(2, lines.size(), r.err);
        assertTrue(lines.get(0).startsWith("error: ") && lines.get(1).startsWith("hint: "), r.err);
        assertFalse((r.out + r.err).contains(secret), "the password must not be printed: " + r.err);
    }

    @Test
    void anUnreachableServer() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("inspect", "--data",
                "jdbc:postgresql://127.0.0.1:1/bank?user=u&password=hunter2");
        assertOneLineWithHint(r, "hunter2");
        assertTrue(r.err.contains("cannot reach PostgreSQL at 127.0.0.1:1"), r.err);
    }

    @Test
    void aWrongPassword() {
        String url = System.getenv("RELGRAPH_TEST_PG_URL");
        assertFalse(url == null && System.getenv("RELGRAPH_REQUIRE_PG") != null,
                "RELGRAPH_REQUIRE_PG is set but RELGRAPH_TEST_PG_URL is not");
        assumeTrue(url != null && url.contains("password="), "RELGRAPH_TEST_PG_URL with a password not set");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("inspect", "--data",
                url.replaceAll("password=[^&]*", "password=not-the-password"));
        assertOneLineWithHint(r, "not-the-password");
        assertTrue(r.err.contains("rejected the password"), r.err);
    }

    @Test
    void noPasswordAtAll() {
        String url = System.getenv("RELGRAPH_TEST_PG_URL");
        assertFalse(url == null && System.getenv("RELGRAPH_REQUIRE_PG") != null,
                "RELGRAPH_REQUIRE_PG is set but RELGRAPH_TEST_PG_URL is not");
        assumeTrue(url != null && url.contains("password="), "RELGRAPH_TEST_PG_URL with a password not set");
        assumeTrue(System.getenv("PGPASSWORD") == null, "PGPASSWORD is set: a URL without password would use it");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("inspect", "--data",
                url.replaceAll("[?&]password=[^&]*", ""));
        assertOneLineWithHint(r, "hunter2");
        assertTrue(r.err.contains("for a password, and none was given"), r.err);
        assertTrue(r.err.contains("PGPASSWORD") && !r.err.contains("running"), r.err);
    }
}

package org.relgraph.models.output;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server tests write to, from RELGRAPH_TEST_PG_URL. Without it the tests are skipped, unless
 * RELGRAPH_REQUIRE_PG is set (as in CI), where a missing server must fail the build instead of hiding it.
 */
final class TestPostgres {
    private TestPostgres() {
    }

    static String urlOrSkip() {
        String url = System.getenv("RELGRAPH_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            if (System.getenv("RELGRAPH_REQUIRE_PG") != null) {
                fail("RELGRAPH_REQUIRE_PG is set but RELGRAPH_TEST_PG_URL is not");
            }
            Assumptions.abort("RELGRAPH_TEST_PG_URL is not set; skipping PostgreSQL tests");
        }
        return url;
    }

    /** The URL with more query parameters; later parameters of the same name win in the driver and in relgraph. */
    static String withParams(String url, String params) {
        return url + (url.contains("?") ? "&" : "?") + params;
    }

    /** A lower-case name no other test (or engineer) uses, for tables and schemas. */
    static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }
}

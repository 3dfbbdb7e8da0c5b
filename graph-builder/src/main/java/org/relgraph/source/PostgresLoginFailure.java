package org.relgraph.source;

import java.sql.SQLException;
import java.util.Optional;
import org.relgraph.schema.SchemaException;

/**
 * The server answered but would not log in without a password: the driver reports it as a rejected connection
 * (SQL state 08004), which read like an unreachable server ("check that it is running"). Shared by reading a
 * database and writing scores to one, so both say the same.
 */
public final class PostgresLoginFailure {
    /** The driver's state for a connection the server rejected (not one it never answered: 08001). */
    static final String CONNECTION_REJECTED = "08004";

    private PostgresLoginFailure() {
    }

    /** The user error when {@code e} is the server refusing to log in; empty for any other failure. */
    public static Optional<SchemaException> of(PostgresUrl url, SQLException e) {
        if (!CONNECTION_REJECTED.equals(e.getSQLState())) {
            return Optional.empty();
        }
        String where = "PostgreSQL at " + url.host() + ":" + url.port();
        String credentials = "user= and password= in the URL, or the PGUSER and PGPASSWORD environment variables, "
                + "or ~/.pgpass";
        if (url.properties().getProperty("password") == null) {
            return Optional.of(new SchemaException(where + " asks user '" + url.user()
                    + "' for a password, and none was given", "give one with " + credentials
                    + " (e.g. PGUSER=me PGPASSWORD=... relgraph ...)", e));
        }
        return Optional.of(new SchemaException(where + " rejected the connection of user '" + url.user() + "': "
                + url.redact(EmbeddedDuckDb.firstLine(e)), "check " + credentials
                + ", and sslmode= if the server requires SSL", e));
    }
}

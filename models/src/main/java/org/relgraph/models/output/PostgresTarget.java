package org.relgraph.models.output;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.relgraph.schema.SchemaException;
import org.relgraph.source.PostgresLoginFailure;
import org.relgraph.source.PostgresUrl;

/**
 * Where scores go in PostgreSQL: {@code jdbc:postgresql://host:port/db?table=t[&schema=s][&user=u][&password=p]
 * [&other driver params]}, parsed by {@link PostgresUrl} (the same parser that reads databases, so credentials
 * come from the URL or PGUSER/PGPASSWORD in the same way and the password never reaches a URL or message); this
 * class adds what writing needs: a required table and the connection's error messages.
 *
 * <p>Table and schema names are folded to lower case, as PostgreSQL does for unquoted names, so that
 * {@code table=Mortgage_Scores} lands where {@code SELECT * FROM mortgage_scores} finds it.
 */
final class PostgresTarget {
    static final String PREFIX = PostgresUrl.PREFIX;

    private final PostgresUrl url;
    private final String schema;
    private final String table;

    private PostgresTarget(PostgresUrl url) {
        this.url = url;
        this.schema = url.schema() == null ? null : url.schema().toLowerCase(Locale.ROOT);
        this.table = url.table().toLowerCase(Locale.ROOT);
    }

    /** Parses a target URL; {@code env} supplies PGUSER/PGPASSWORD when the URL has no user/password. */
    static PostgresTarget parse(String url, UnaryOperator<String> env) {
        PostgresUrl parsed = PostgresUrl.parse(url, env);
        if (parsed.table() == null) {
            throw new SchemaException("PostgreSQL output " + parsed.location() + " names no table",
                    "add ?table=<name> to the URL, e.g. " + PREFIX + "//" + parsed.location()
                            + "?table=mortgage_scores");
        }
        return new PostgresTarget(parsed);
    }

    /** Opens a connection, turning the usual failures into one-line errors that never show the password. */
    Connection connect() {
        try {
            return DriverManager.getConnection(url.jdbcUrl(), url.properties());
        } catch (SQLException e) {
            throw connectFailure(e);
        }
    }

    /** What reaches the driver: the URL without parameters, and everything else as connection properties. */
    PostgresUrl url() {
        return url;
    }

    /** The user named in the URL or PGUSER, or null for the driver's default. */
    String user() {
        return url.properties().getProperty("user");
    }

    /** The database as users should see it in messages: host:port/db, without parameters. */
    String location() {
        return url.location();
    }

    /** The schema named in the URL, or null for the connection's current schema. */
    String schema() {
        return schema;
    }

    String table() {
        return table;
    }

    String userForMessages() {
        return user() == null ? "(driver default)" : user();
    }

    /**
     * The first line of a driver message with the password, plain or URL-encoded, replaced by ***. Only text we
     * do not compose goes through here: masking our own messages would also garble a database or user name that
     * happens to contain the password, and those messages are built from parts that never hold it.
     */
    String driverText(SQLException e) {
        return url.redact(firstLine(e));
    }

    /** The driver's exception is deliberately not attached as the cause: its text is not under our control. */
    private SchemaException connectFailure(SQLException e) {
        java.util.Optional<SchemaException> login = PostgresLoginFailure.of(url, e);
        if (login.isPresent()) {
            // without the driver's exception attached, as below
            return new SchemaException(login.get().getMessage(), login.get().hint());
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = "PostgreSQL at " + location();
        if (state.equals("28P01")) {
            return new SchemaException(where + " rejected the password for user " + userForMessages(),
                    "check password= in the URL or the PGPASSWORD environment variable");
        }
        if (state.startsWith("28")) {
            return new SchemaException(where + " refused user " + userForMessages() + ": " + driverText(e),
                    "check user= in the URL or PGUSER, and that pg_hba.conf admits this host");
        }
        if (state.equals("3D000")) {
            return new SchemaException(where + ": database does not exist",
                    "create the database or fix its name in the URL (host:port/<database>)");
        }
        if (state.startsWith("08")) {
            return new SchemaException("cannot reach " + where + ": " + driverText(e),
                    "check host and port in the URL and that the server accepts TCP connections from here");
        }
        return new SchemaException("cannot connect to " + where + ": " + driverText(e),
                "check the URL " + PREFIX + "//" + location() + " and the server log");
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

}

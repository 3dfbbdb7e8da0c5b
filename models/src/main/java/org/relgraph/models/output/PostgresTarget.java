package org.relgraph.models.output;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.relgraph.schema.SchemaException;

/**
 * Where scores go in PostgreSQL, parsed from {@code jdbc:postgresql://host:port/db?table=t[&schema=s][&user=u]
 * [&password=p][&other driver params]}. relgraph's own {@code table}/{@code schema} parameters and the credentials
 * are taken out of the URL before it reaches the driver; credentials travel as connection properties so that no
 * URL this class hands out, and no message it builds, contains the password.
 *
 * <p>Table and schema names are folded to lower case, as PostgreSQL does for unquoted names, so that
 * {@code table=Mortgage_Scores} lands where {@code SELECT * FROM mortgage_scores} finds it.
 */
final class PostgresTarget {
    static final String PREFIX = "jdbc:postgresql:";

    private final String driverUrl;
    private final String location;
    private final String user;
    private final String password;
    private final String schema;
    private final String table;

    private PostgresTarget(String driverUrl, String location, String user, String password, String schema,
                           String table) {
        this.driverUrl = driverUrl;
        this.location = location;
        this.user = user;
        this.password = password;
        this.schema = schema;
        this.table = table;
    }

    /** Parses a target URL; {@code env} supplies PGUSER/PGPASSWORD when the URL has no user/password. */
    static PostgresTarget parse(String url, UnaryOperator<String> env) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String location = base.substring(PREFIX.length()).replaceFirst("^//", "");
        String user = null;
        String password = null;
        String schema = null;
        String table = null;
        List<String> driverParams = new ArrayList<>();
        if (query >= 0) {
            for (String param : url.substring(query + 1).split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                String key = decode(eq < 0 ? param : param.substring(0, eq));
                String value = eq < 0 ? "" : decode(param.substring(eq + 1));
                switch (key) {
                    case "table" -> table = value.toLowerCase(Locale.ROOT);
                    case "schema" -> schema = value.toLowerCase(Locale.ROOT);
                    case "user" -> user = value;
                    case "password" -> password = value;
                    default -> driverParams.add(param);
                }
            }
        }
        if (table == null || table.isBlank()) {
            throw new SchemaException("PostgreSQL output " + location + " names no table",
                    "add ?table=<name> to the URL, e.g. " + PREFIX + "//" + location + "?table=mortgage_scores");
        }
        if (user == null) {
            user = env.apply("PGUSER");
        }
        if (password == null) {
            password = env.apply("PGPASSWORD");
        }
        String driverUrl = driverParams.isEmpty() ? base : base + "?" + String.join("&", driverParams);
        return new PostgresTarget(driverUrl, location, user, password, schema, table);
    }

    /** Opens a connection, turning the usual failures into one-line errors that never show the password. */
    Connection connect() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        try {
            return DriverManager.getConnection(driverUrl, properties);
        } catch (SQLException e) {
            throw connectFailure(e);
        }
    }

    /** The URL handed to the driver: relgraph's parameters and the credentials removed. */
    String driverUrl() {
        return driverUrl;
    }

    String user() {
        return user;
    }

    /** The database as users should see it in messages: host:port/db, without parameters. */
    String location() {
        return location;
    }

    /** The schema named in the URL, or null for the connection's current schema. */
    String schema() {
        return schema;
    }

    String table() {
        return table;
    }

    String userForMessages() {
        return user == null ? "(driver default)" : user;
    }

    /**
     * The first line of a driver message with the password, plain or URL-encoded, replaced by ***. Only text we
     * do not compose goes through here: masking our own messages would also garble a database or user name that
     * happens to contain the password, and those messages are built from parts that never hold it.
     */
    String driverText(SQLException e) {
        String text = firstLine(e);
        if (password == null || password.isEmpty()) {
            return text;
        }
        return text.replace(password, "***").replace(URLEncoder.encode(password, StandardCharsets.UTF_8), "***");
    }

    /** The driver's exception is deliberately not attached as the cause: its text is not under our control. */
    private SchemaException connectFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = "PostgreSQL at " + location;
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
                "check the URL " + PREFIX + "//" + location + " and the server log");
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}

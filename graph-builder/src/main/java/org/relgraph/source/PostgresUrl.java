package org.relgraph.source;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.postgresql.Driver;
import org.relgraph.schema.SchemaException;

/**
 * A parsed {@code jdbc:postgresql://host:port/db[?schema=name&table=name&user=…&password=…&driver options]}: the
 * one parser of PostgreSQL URLs, for reading a database ({@link PostgresSource}) and for writing scores to one.
 *
 * <p>relgraph's own parameters ({@code schema}, {@code table}) are taken out; everything else, credentials
 * included, travels to the driver as connection properties, so {@link #jdbcUrl()} never holds a password and
 * neither does any message built from this record. Credentials missing from the URL come from {@code PGUSER} /
 * {@code PGPASSWORD}, as for psql (and failing those, the driver reads {@code PGPASSFILE} / {@code ~/.pgpass}).
 *
 * @param jdbcUrl    the URL without its query string, for the driver
 * @param properties connection properties (user, password, ssl options…) for the driver
 * @param schema     the {@code schema=} parameter as given, or null
 * @param table      the {@code table=} parameter as given (where scores go), or null
 */
public record PostgresUrl(String jdbcUrl, Properties properties, String schema, String table, String host,
                          String port, String database) {
    public static final String PREFIX = "jdbc:postgresql:";
    /** Seconds to wait for a server before giving up, unless the URL says otherwise. */
    static final String DEFAULT_CONNECT_TIMEOUT_SECONDS = "10";

    public static PostgresUrl parse(String url) {
        return parse(url, System::getenv);
    }

    public static PostgresUrl parse(String url, Map<String, String> env) {
        return parse(url, env::get);
    }

    /** @param env environment lookup for PGUSER / PGPASSWORD */
    public static PostgresUrl parse(String url, Function<String, String> env) {
        // The driver's own parser: it decodes %-escapes and knows multi-host and IPv6 forms.
        Properties parsed = url.startsWith(PREFIX) ? Driver.parseURL(url, null) : null;
        if (parsed == null) {
            throw new SchemaException("not a valid PostgreSQL URL: " + masked(url),
                    "use jdbc:postgresql://host:port/database?schema=name&user=name&password=secret");
        }
        String host = (String) parsed.remove("PGHOST");
        String port = (String) parsed.remove("PGPORT");
        String database = (String) parsed.remove("PGDBNAME");
        String schema = (String) parsed.remove("schema");
        String table = (String) parsed.remove("table");
        Properties props = new Properties();
        props.putAll(parsed);
        if (props.getProperty("user") == null && env.apply("PGUSER") != null) {
            props.setProperty("user", env.apply("PGUSER"));
        }
        if (props.getProperty("password") == null && env.apply("PGPASSWORD") != null) {
            props.setProperty("password", env.apply("PGPASSWORD"));
        }
        props.putIfAbsent("connectTimeout", DEFAULT_CONNECT_TIMEOUT_SECONDS);
        props.putIfAbsent("ApplicationName", "relgraph");
        int query = url.indexOf('?');
        return new PostgresUrl(query < 0 ? url : url.substring(0, query), props, blankToNull(schema),
                blankToNull(table), host, port, database);
    }

    /** The schema whose tables are read: the URL's, or "public". */
    public String schemaName() {
        return schema == null ? "public" : schema;
    }

    /** The user to connect as: the URL's or PGUSER, else the driver's default (the OS user). */
    public String user() {
        return properties.getProperty("user", System.getProperty("user.name"));
    }

    /** The password the connection will use, or null; only for {@link #redact}, never to print. */
    private String password() {
        return properties.getProperty("password");
    }

    /** "localhost:5432/shop": the database as users should see it in messages, without parameters. */
    public String location() {
        return host + ":" + port + "/" + database;
    }

    /** "postgresql://relgraph@localhost:5432/shop, schema public": for messages, without the password. */
    public String describe() {
        return "postgresql://" + user() + "@" + location() + ", schema " + schemaName();
    }

    /**
     * {@code text} (typically a driver's message, which relgraph does not compose) with this URL's password,
     * plain or URL-encoded, replaced by ***.
     */
    public String redact(String text) {
        String password = password();
        if (text == null || password == null || password.isEmpty()) {
            return text;
        }
        return text.replace(password, "***").replace(URLEncoder.encode(password, StandardCharsets.UTF_8), "***");
    }

    /** The URL with any password replaced by ***, safe to print. */
    public static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return describe();
    }
}

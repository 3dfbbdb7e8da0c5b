package org.relgraph.source;

import java.util.Map;
import java.util.Properties;
import org.postgresql.Driver;
import org.relgraph.schema.SchemaException;

/**
 * A parsed {@code jdbc:postgresql://host:port/db[?schema=name&user=…&password=…]}. Credentials missing
 * from the URL come from {@code PGUSER}/{@code PGPASSWORD}, as for psql. The password is never shown.
 *
 * @param jdbcUrl    the URL without its query string, for the driver
 * @param properties connection properties (user, password, ssl options…) for the driver
 * @param schemaName the PostgreSQL schema whose tables are loaded; "public" by default
 */
public record PostgresUrl(String jdbcUrl, Properties properties, String schemaName, String host, String port,
                          String database) {
    /** Seconds to wait for a server before giving up, unless the URL says otherwise. */
    static final String DEFAULT_CONNECT_TIMEOUT_SECONDS = "10";

    public static PostgresUrl parse(String url) {
        return parse(url, System.getenv());
    }

    static PostgresUrl parse(String url, Map<String, String> env) {
        Properties parsed = Driver.parseURL(url, null);
        if (parsed == null) {
            throw new SchemaException("not a valid PostgreSQL URL: " + masked(url),
                    "use jdbc:postgresql://host:port/database?schema=name&user=name&password=secret");
        }
        String host = (String) parsed.remove("PGHOST");
        String port = (String) parsed.remove("PGPORT");
        String database = (String) parsed.remove("PGDBNAME");
        String schema = (String) parsed.remove("schema");
        Properties props = new Properties();
        props.putAll(parsed);
        if (props.getProperty("user") == null && env.get("PGUSER") != null) {
            props.setProperty("user", env.get("PGUSER"));
        }
        if (props.getProperty("password") == null && env.get("PGPASSWORD") != null) {
            props.setProperty("password", env.get("PGPASSWORD"));
        }
        props.putIfAbsent("connectTimeout", DEFAULT_CONNECT_TIMEOUT_SECONDS);
        props.putIfAbsent("ApplicationName", "relgraph");
        int query = url.indexOf('?');
        return new PostgresUrl(query < 0 ? url : url.substring(0, query), props,
                schema == null || schema.isBlank() ? "public" : schema, host, port, database);
    }

    public String user() {
        return properties.getProperty("user", System.getProperty("user.name"));
    }

    /** "postgresql://relgraph@localhost:5432/shop, schema public": for messages, without the password. */
    public String describe() {
        return "postgresql://" + user() + "@" + host + ":" + port + "/" + database + ", schema " + schemaName;
    }

    /** The URL with any password replaced by ***, safe to print. */
    public static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return describe();
    }
}

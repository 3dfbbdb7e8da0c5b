package org.relgraph.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {
    @Test
    void credentialsComeFromTheEnvironmentWhenTheUrlHasNone() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db.example:6543/shop?schema=sales",
                Map.of("PGUSER", "ann", "PGPASSWORD", "s3cret"));
        assertEquals("ann", url.properties().getProperty("user"));
        assertEquals("s3cret", url.properties().getProperty("password"));
        assertEquals("sales", url.schemaName());
        assertEquals("jdbc:postgresql://db.example:6543/shop", url.jdbcUrl());
        assertEquals("postgresql://ann@db.example:6543/shop, schema sales", url.describe());
        assertFalse(url.toString().contains("s3cret"));
    }

    @Test
    void urlCredentialsWinOverTheEnvironmentAndTheSchemaDefaultsToPublic() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://localhost/shop?user=bob&password=pw&sslmode=require",
                Map.of("PGUSER", "ann", "PGPASSWORD", "s3cret"));
        assertEquals("bob", url.properties().getProperty("user"));
        assertEquals("pw", url.properties().getProperty("password"));
        assertEquals("require", url.properties().getProperty("sslmode"));
        assertEquals("public", url.schemaName());
    }

    @Test
    void maskedHidesThePassword() {
        assertEquals("jdbc:postgresql://h/db?user=a&password=***&x=1",
                PostgresUrl.masked("jdbc:postgresql://h/db?user=a&password=secret&x=1"));
    }
}

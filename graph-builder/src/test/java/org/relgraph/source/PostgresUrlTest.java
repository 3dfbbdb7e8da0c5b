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

    @Test
    void relgraphsOwnParametersAreTakenOutAndTheRestDecodedForTheDriver() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db.bank:6432/scoring?sslmode=require"
                + "&table=Mortgage_Scores&user=scorer&password=p%40ss%26word&schema=Marketing", Map.of());
        assertEquals("jdbc:postgresql://db.bank:6432/scoring", url.jdbcUrl());
        assertEquals("Mortgage_Scores", url.table());
        assertEquals("Marketing", url.schema());
        assertEquals("p@ss&word", url.properties().getProperty("password"));
        assertEquals(null, url.properties().getProperty("table"));
        assertEquals("db.bank:6432/scoring", url.location());
        assertEquals("10", url.properties().getProperty("connectTimeout"), "a dead host fails within seconds");
    }

    @Test
    void redactMasksThePasswordPlainOrUrlEncodedInTextWeDoNotCompose() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://h/db?password=p%40ss", Map.of());
        assertEquals("bad login *** / ***", url.redact("bad login p@ss / p%40ss"));
        assertEquals("no password here", PostgresUrl.parse("jdbc:postgresql://h/db", Map.of())
                .redact("no password here"));
    }

    @Test
    void somethingElseIsNotAPostgresUrl() {
        org.relgraph.schema.SchemaException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.relgraph.schema.SchemaException.class,
                () -> PostgresUrl.parse("jdbc:mysql://h/db?password=hunter2", Map.of()));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
}

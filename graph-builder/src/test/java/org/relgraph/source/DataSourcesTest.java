package org.relgraph.source;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.schema.SchemaException;

class DataSourcesTest {
    @TempDir
    Path dir;

    @Test
    void picksTheSourceFromTheSpec() {
        assertInstanceOf(FolderSource.class, DataSources.open(dir.toString()));
        assertInstanceOf(PostgresSource.class, DataSources.open("jdbc:postgresql://localhost:5432/db"));
        assertInstanceOf(PostgresSource.class, DataSources.open("postgresql://localhost:5432/db"));
    }

    @Test
    void anotherDatabaseIsRefusedWithoutShowingItsPassword() {
        SchemaException e = assertThrows(SchemaException.class,
                () -> DataSources.open("jdbc:mysql://h/db?user=u&password=topsecret"));
        assertTrue(e.userMessage().contains("unsupported database URL"), e.userMessage());
        assertFalse(e.userMessage().contains("topsecret"), e.userMessage());
    }

    @Test
    void aFileIsNotAFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("customers.csv"), "customer_id\n1\n");
        SchemaException e = assertThrows(SchemaException.class, () -> DataSources.open(file.toString()));
        assertTrue(e.userMessage().contains("not a folder: " + file), e.userMessage());
    }
}

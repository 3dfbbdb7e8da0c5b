package org.relgraph.source;

import java.nio.file.Files;
import java.nio.file.Path;
import org.relgraph.schema.SchemaException;

/** Opens a {@link DataSource} from what a user types after {@code --data}. */
public final class DataSources {
    private DataSources() {
    }

    /** A folder path or a {@code jdbc:postgresql://} URL; the schema comes from the source itself. */
    public static DataSource open(String spec) {
        return open(spec, null);
    }

    /**
     * @param schemaFile a schema.yaml that overrides the source's own (the folder's schema.yaml or the
     *                   PostgreSQL catalogue); null for none
     */
    public static DataSource open(String spec, Path schemaFile) {
        if (spec == null || spec.isBlank()) {
            throw new SchemaException("no data source given",
                    "pass a folder of CSV/Parquet files or jdbc:postgresql://host:port/db");
        }
        if (spec.startsWith("jdbc:postgresql:")) {
            return new PostgresSource(PostgresUrl.parse(spec), schemaFile);
        }
        if (spec.startsWith("postgresql://")) {
            return new PostgresSource(PostgresUrl.parse("jdbc:" + spec), schemaFile);
        }
        if (spec.startsWith("jdbc:")) {
            throw new SchemaException("unsupported database URL '" + PostgresUrl.masked(spec) + "'",
                    "only jdbc:postgresql://host:port/db is supported; export other databases to CSV or Parquet");
        }
        Path folder = Path.of(spec);
        if (!Files.isDirectory(folder)) {
            throw new SchemaException((Files.exists(folder) ? "not a folder: " : "no such folder: ") + folder,
                    "pass the folder that holds the CSV/Parquet files (and schema.yaml)");
        }
        return new FolderSource(folder, schemaFile);
    }
}

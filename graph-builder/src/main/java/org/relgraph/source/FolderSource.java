package org.relgraph.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaInference;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.Table;
import org.relgraph.validate.DatabaseValidator;
import org.relgraph.validate.ValidatedDatabase;

/**
 * A folder of CSV ({@code .csv}, {@code .csv.gz}) or Parquet files, one per table, read with an embedded
 * DuckDB. The schema is {@code schema.yaml} in the folder (or a file given explicitly); without one it is
 * inferred from the data.
 */
public final class FolderSource implements DataSource {
    private final Path folder;
    private final Path schemaFile;
    private Schema schema;

    /** @param schemaFile overrides {@code folder/schema.yaml}; null to use that or to infer */
    public FolderSource(Path folder, Path schemaFile) {
        this.folder = folder;
        this.schemaFile = schemaFile;
    }

    @Override
    public synchronized Schema schema() {
        if (schema == null) {
            Path yaml = schemaFile != null ? schemaFile : folder.resolve(SchemaYaml.FILE_NAME);
            schema = schemaFile != null || Files.exists(yaml) ? SchemaYaml.read(yaml) : inferSchema();
        }
        return schema;
    }

    @Override
    public Schema inferSchema() {
        return SchemaInference.inferFolder(folder);
    }

    /** True when the schema comes from a file rather than from inference. */
    public boolean hasSchemaFile() {
        return schemaFile != null || Files.exists(folder.resolve(SchemaYaml.FILE_NAME));
    }

    @Override
    public ValidatedDatabase load(LoadOptions options) {
        Schema s = options.tablesToLoad(schema());
        List<Table> tables = new ArrayList<>();
        try (Connection duck = EmbeddedDuckDb.openStreaming()) {
            DuckDbTableReader reader = new DuckDbTableReader(duck);
            for (TableSchema t : s.tables()) {
                long start = System.nanoTime();
                Table table = reader.read(DataFile.locate(folder, t.name(), t.source()), t);
                options.listener().read(t.name(), table.rowCount(), System.nanoTime() - start);
                tables.add(table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("closing the embedded DuckDB failed", e);
        }
        return new DatabaseValidator(options.danglingPolicy()).validate(describe(), s, tables);
    }

    /** Parquet files' counts from their metadata (exact); CSV files' estimated from their size and first lines. */
    @Override
    public RowCounts estimateRows() {
        List<RowCounts.TableRows> counts = new ArrayList<>();
        try (Connection duck = EmbeddedDuckDb.open()) {
            for (TableSchema t : schema().tables()) {
                DataFile file = DataFile.locate(folder, t.name(), t.source());
                counts.add(file.format() == DataFile.Format.PARQUET
                        ? new RowCounts.TableRows(t.name(), DataFileRows.parquet(duck, file), RowCounts.Basis.EXACT)
                        : new RowCounts.TableRows(t.name(), DataFileRows.csvEstimate(file),
                                RowCounts.Basis.CSV_SAMPLE));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("closing the embedded DuckDB failed", e);
        }
        return new RowCounts(counts);
    }

    @Override
    public String describe() {
        return "folder " + folder;
    }
}

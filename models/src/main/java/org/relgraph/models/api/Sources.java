package org.relgraph.models.api;

import java.nio.file.Path;
import java.util.List;
import org.relgraph.datasets.PreparedDatasets;
import org.relgraph.models.ModelLoader;
import org.relgraph.source.DataSource;
import org.relgraph.source.DataSources;
import org.relgraph.source.ExcludedTables;
import org.relgraph.source.LoadOptions;
import org.relgraph.table.Database;

/**
 * Opens relational data in one call: a folder of CSV/Parquet files (with or without {@code schema.yaml}), a
 * PostgreSQL database ({@code jdbc:postgresql://host:port/db}, credentials from {@code PGUSER}/{@code PGPASSWORD}),
 * or a bundled dataset by name ({@code bank}, {@code rel-f1}, {@code berka}). The data is loaded and validated
 * (keys unique, foreign keys resolve) before it is returned. The first step of the library's data flow: source →
 * graph → query ({@link Task}) → model ({@link Training}) → scores ({@link Scoring}) → reasons
 * ({@link Explanations}).
 *
 * <pre>{@code
 * Database bank = Sources.load("data/bank");
 * Database live = Sources.load("jdbc:postgresql://db:5432/bank?schema=core");
 * Database f1 = Sources.dataset("rel-f1");
 * // for scoring with a trained bundle: the tables the model was trained without are left out again
 * Database forModel = Sources.loadFor(Path.of("out/mortgage-model"), "data/bank");
 * }</pre>
 */
public final class Sources {
    private Sources() {
    }

    /** A folder path or a {@code jdbc:postgresql://} URL, opened (not yet loaded); see {@link DataSources}. */
    public static DataSource open(String location, Path schemaFile) {
        return DataSources.open(location, schemaFile);
    }

    /**
     * A bundled dataset's prepared folder as a source: the synthetic bank is generated, rel-f1 and berka are
     * prepared from their raw files under {@code dataHome} (null: {@code $RELGRAPH_DATA_HOME} or
     * {@code ../shared/data}), each once into the cache.
     */
    public static DataSource openDataset(String name, Path dataHome, Path schemaFile) throws Exception {
        PreparedDatasets datasets = new PreparedDatasets(dataHome != null ? dataHome
                : PreparedDatasets.defaultDataHome(), PreparedDatasets.defaultCacheHome());
        return DataSources.open(datasets.prepared(name).toString(), schemaFile);
    }

    /** Loads and validates a folder or database with the default options (a dangling foreign key fails). */
    public static Database load(String location) {
        return load(location, LoadOptions.defaults());
    }

    public static Database load(String location, LoadOptions options) {
        return open(location, null).load(options).database();
    }

    /** Loads and validates a bundled dataset by name ({@code bank}, {@code rel-f1}, {@code berka}). */
    public static Database dataset(String name) throws Exception {
        return openDataset(name, null, null).load(LoadOptions.defaults()).database();
    }

    /**
     * Loads the data a model bundle is to score: without the tables the bundle records it was trained without
     * (the model has no inputs for them).
     */
    public static Database loadFor(Path bundle, String location) {
        List<String> excluded = ModelLoader.excludedTables(bundle);
        return load(location, LoadOptions.defaults().withExcludedTables(new ExcludedTables(excluded)));
    }
}

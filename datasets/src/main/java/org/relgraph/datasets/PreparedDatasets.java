package org.relgraph.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.datasets.berka.BerkaDataset;
import org.relgraph.datasets.f1.RelF1Dataset;
import org.relgraph.schema.SchemaException;

/**
 * Finds raw data, prepares a dataset once into a cache folder, and hands back that folder. The cache key holds
 * a format version so a change to an adapter never serves stale tables.
 */
public final class PreparedDatasets {
    /** Bump when an adapter's output changes (v2: rel-f1's and Berka's catalogue tables say static: true). */
    static final String FORMAT_VERSION = "v2";

    public static final String BANK = "bank";
    public static final int DEFAULT_BANK_CUSTOMERS = 10_000;
    public static final long DEFAULT_BANK_SEED = 42;

    private static final List<RealDataset> ALL = List.of(new RelF1Dataset(), new BerkaDataset());

    private final Path dataHome;
    private final Path cacheHome;

    /**
     * @param dataHome  folder holding the raw dataset folders ({@code f1/}, {@code berka/})
     * @param cacheHome folder where prepared datasets are written
     */
    public PreparedDatasets(Path dataHome, Path cacheHome) {
        this.dataHome = dataHome;
        this.cacheHome = cacheHome;
    }

    /**
     * The default data home: {@code $RELGRAPH_DATA_HOME}, else {@code ../shared/data} relative to the working
     * directory (the layout of a relgraph checkout next to the shared data).
     */
    public static Path defaultDataHome() {
        String env = System.getenv("RELGRAPH_DATA_HOME");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared", "data");
    }

    /** The default cache: {@code $RELGRAPH_CACHE}, else {@code ~/.cache/relgraph}. */
    public static Path defaultCacheHome() {
        String env = System.getenv("RELGRAPH_CACHE");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "relgraph");
    }

    public static List<RealDataset> all() {
        return ALL;
    }

    public static RealDataset byName(String name) {
        return ALL.stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new SchemaException("unknown dataset '" + name + "'",
                        "known datasets: bank (generate it with `relgraph generate bank`), "
                                + String.join(", ", ALL.stream().map(RealDataset::name).toList())));
    }

    /** Where the raw files of {@code dataset} must be; throws a message saying where to put them if absent. */
    public Path requireRaw(RealDataset dataset) {
        Path raw = dataHome.resolve(dataset.rawFolder());
        for (String f : dataset.requiredFiles()) {
            if (!Files.isRegularFile(raw.resolve(f))) {
                throw new SchemaException(dataset.name() + ": raw file " + raw.resolve(f).toAbsolutePath()
                        + " is missing", "put the " + dataset.name() + " files in " + raw.toAbsolutePath()
                        + " or point RELGRAPH_DATA_HOME at the folder holding '" + dataset.rawFolder() + "/'");
            }
        }
        return raw;
    }

    /**
     * The prepared folder (Parquet or CSV + schema.yaml), preparing it first if the cache lacks it. {@code bank}
     * is the synthetic bank at its default size (10,000 customers, seed 42).
     */
    public Path prepared(String name) throws Exception {
        if (name.equalsIgnoreCase(BANK)) {
            return syntheticBank(DEFAULT_BANK_CUSTOMERS, DEFAULT_BANK_SEED);
        }
        RealDataset dataset = byName(name);
        Path target = cacheHome.resolve(dataset.name().toLowerCase(Locale.ROOT) + "-" + FORMAT_VERSION);
        if (Files.isRegularFile(target.resolve("schema.yaml"))) {
            return target;
        }
        Path raw = requireRaw(dataset);
        Files.createDirectories(cacheHome);
        Path tmp = Files.createTempDirectory(cacheHome, target.getFileName() + ".tmp-");
        try {
            dataset.prepare(raw, tmp);
            org.relgraph.io.AtomicRename.move(tmp, target);
        } finally {
            org.relgraph.io.OutputFolder.deleteRecursively(tmp);
        }
        return target;
    }

    /** The synthetic bank of that size and seed, generated into the cache on first use. */
    public Path syntheticBank(int customers, long seed) throws IOException {
        Path target = cacheHome.resolve("bank-" + customers + "-seed" + seed + "-gen" + BankGenerator.OUTPUT_VERSION
                + "-" + FORMAT_VERSION);
        if (!Files.isRegularFile(target.resolve("schema.yaml"))) {
            Files.createDirectories(cacheHome);
            new BankGenerator(BankConfig.of(customers, seed)).generate(target);
        }
        return target;
    }
}

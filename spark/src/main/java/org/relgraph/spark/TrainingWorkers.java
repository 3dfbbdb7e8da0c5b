package org.relgraph.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.relgraph.gnn.train.ShardSteps;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.api.Sources;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.gnn.ModelBundle;
import org.relgraph.source.LoadOptions;
import org.relgraph.table.Database;

/**
 * The executor side of {@code train}: where a worker's batches come from and the model it trains, cached per JVM.
 *
 * <p><b>Batch source of this version:</b> each executor JVM loads the database once from the same {@code --data}
 * location the driver read (lazily, on its first task; in local mode the driver's own copy is registered and
 * shared) and assembles its shard's batches with the single-machine {@code BatchAssembler}. When the score job's
 * executor-side assembly from the materialised neighbourhoods (Parquet) lands, it replaces this source: then an
 * executor holds only its seeds' subgraphs, not the whole database (docs/SPARK.md, "train").
 */
final class TrainingWorkers {
    /**
     * What every worker of one training run needs besides its shard: the data's location and the untrained model
     * as a bundle (config, head, encoding, initial weights: the format {@code relgraph train} writes), as bytes.
     */
    record Recipe(String runId, String location, String schemaFile, Integer threads, Map<String, byte[]> bundleFiles)
            implements Serializable {
        /** The predictor's bundle written to a temporary folder and read back as bytes. */
        static Recipe of(String runId, String location, Path schemaFile, Integer threads, GnnPredictor untrained) {
            try {
                Path tmp = Files.createTempDirectory("relgraph-train-recipe");
                Path dir = tmp.resolve("bundle");
                try {
                    untrained.bundle().save(dir, ReplacePolicy.force(false));
                    Map<String, byte[]> files = new LinkedHashMap<>();
                    try (Stream<Path> list = Files.list(dir)) {
                        for (Path f : list.filter(Files::isRegularFile).sorted().toList()) {
                            files.put(f.getFileName().toString(), Files.readAllBytes(f));
                        }
                    }
                    return new Recipe(runId, location, schemaFile == null ? null : schemaFile.toString(), threads,
                            files);
                } finally {
                    deleteTree(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Databases by (location, schema file), loaded once per JVM. */
    private static final Map<String, Database> DATABASES = new ConcurrentHashMap<>();
    private static final Map<String, HeteroGraph> GRAPHS = new ConcurrentHashMap<>();
    /** Idle workers of the current run (one model each; a task borrows one); older runs' are dropped. */
    private static final Map<String, ConcurrentLinkedQueue<ShardSteps>> POOLS = new ConcurrentHashMap<>();

    private TrainingWorkers() {
    }

    /** Lets tasks in this JVM (local mode) use the driver's already loaded copy instead of loading it again. */
    static void register(String location, Path schemaFile, Database db, HeteroGraph graph) {
        String k = key(location, schemaFile == null ? null : schemaFile.toString());
        DATABASES.put(k, db);
        GRAPHS.put(k, graph);
    }

    /** Forgets {@link #register}ed data and idle workers of {@code runId}, once its training is over. */
    static void release(String location, Path schemaFile, String runId) {
        String k = key(location, schemaFile == null ? null : schemaFile.toString());
        DATABASES.remove(k);
        GRAPHS.remove(k);
        POOLS.remove(runId);
    }

    /** Runs one shard's steps in this JVM with a pooled worker of the recipe's run. */
    static ShardSteps.Result run(Recipe recipe, ShardSteps.State start, ShardSteps.Shard shard) {
        ConcurrentLinkedQueue<ShardSteps> pool = POOLS.computeIfAbsent(recipe.runId(), id -> {
            POOLS.keySet().removeIf(other -> !other.equals(id)); // one run at a time per JVM
            return new ConcurrentLinkedQueue<>();
        });
        ShardSteps worker = pool.poll();
        if (worker == null) {
            worker = newWorker(recipe);
        }
        try {
            return worker.run(start, shard);
        } finally {
            pool.add(worker);
        }
    }

    /** Caps ND4J's math threads in this JVM, as {@code relgraph train --threads} does; null leaves all cores. */
    static void limitThreads(Integer threads) {
        if (threads != null) {
            org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threads);
            org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
    }

    private static ShardSteps newWorker(Recipe recipe) {
        limitThreads(recipe.threads());
        String k = key(recipe.location(), recipe.schemaFile());
        Database db = DATABASES.computeIfAbsent(k, x -> Sources.open(recipe.location(),
                recipe.schemaFile() == null ? null : Path.of(recipe.schemaFile())).load(LoadOptions.defaults())
                .database());
        HeteroGraph graph = GRAPHS.computeIfAbsent(k, x -> HeteroGraph.build(db));
        try {
            Path tmp = Files.createTempDirectory("relgraph-train-worker");
            try {
                for (Map.Entry<String, byte[]> f : recipe.bundleFiles().entrySet()) {
                    Files.write(tmp.resolve(f.getKey()), f.getValue());
                }
                ModelBundle bundle = ModelBundle.load(tmp);
                try (GnnPredictor p = GnnPredictor.open(bundle, tmp, db, graph)) {
                    return p.shardSteps();
                }
            } finally {
                deleteTree(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String location, String schemaFile) {
        return Objects.requireNonNull(location) + "\u0000" + (schemaFile == null ? "" : schemaFile);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

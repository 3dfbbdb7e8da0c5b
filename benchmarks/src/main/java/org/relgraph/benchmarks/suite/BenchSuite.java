package org.relgraph.benchmarks.suite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.relgraph.io.ReplacePolicy;

/**
 * The bench suite's entry point: runs {@link SuiteSettings}' tasks × models ({@link BenchRunner}) and writes the
 * report ({@link BenchReport}: README.md, results.json, charts) into a folder, all at once. What {@code relgraph
 * bench} calls; the runner and report classes stay behind it.
 *
 * <pre>{@code
 * BenchSuite.Finished done = BenchSuite.run(SuiteSettings.named("quick", 42), dataHome, cacheHome, 2,
 *         Path.of("out/bench-quick"), ReplacePolicy.OWN_OUTPUT_ONLY, System.out::println);
 * }</pre>
 */
public final class BenchSuite {
    private BenchSuite() {
    }

    /**
     * What a run left: how long it took and where its report is.
     *
     * @param seconds the suite's own running time
     * @param report  the report's README.md
     */
    public record Finished(double seconds, Path report) {
    }

    /**
     * @param dataHome  the folder holding the raw rel-f1 ({@code f1/}) and Berka ({@code berka/}) files
     * @param cacheHome where generated banks and prepared datasets are kept
     * @param threads   XGBoost threads
     * @param out       the report folder (replaced only as {@code replace} allows)
     * @param progress  hears one line per step
     */
    public static Finished run(SuiteSettings settings, Path dataHome, Path cacheHome, int threads, Path out,
                               ReplacePolicy replace, Consumer<String> progress) throws IOException {
        BenchResults results = new BenchRunner(settings, dataHome, cacheHome, threads, progress).run();
        BenchReport.write(out, results, replace);
        return new Finished(results.seconds(), out.resolve("README.md"));
    }
}

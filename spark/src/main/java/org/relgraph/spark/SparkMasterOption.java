package org.relgraph.spark;

import picocli.CommandLine.Option;

/** {@code --master URL}, the same on every job (a picocli mixin). */
final class SparkMasterOption {
    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2] or "
            + "spark://host:7077 (default: spark-submit's, else local[*]).")
    String url;
}

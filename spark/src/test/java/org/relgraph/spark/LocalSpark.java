package org.relgraph.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local[2] session for all the module's tests (starting one costs seconds); Spark's shutdown hook stops it
 * when the test JVM exits. The settings are docs/SPARK.md's for tests: UI off, two shuffle partitions, loopback.
 */
final class LocalSpark {
    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("relgraph-spark tests")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }
}

package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * What ships with the CLI: the bench suite (a product feature, with XChart for its report's charts) but not the JMH
 * microbenchmarks or JMH itself, which live in the benchmarks-jmh module.
 */
class ProductClasspathTest {
    @Test
    void jmhIsNotOnTheCliClasspath() {
        ClassLoader loader = getClass().getClassLoader();
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.openjdk.jmh.Main", false, loader));
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.relgraph.benchmarks.graph.SamplerBenchmark", false, loader));
        assertDoesNotThrow(() -> Class.forName("org.relgraph.benchmarks.suite.BenchRunner", false, loader));
        assertDoesNotThrow(() -> Class.forName("org.knowm.xchart.XYChart", false, loader));
    }
}

package org.relgraph.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs small fixture classes (nested, so surefire does not run them itself) through a JUnit launcher with the
 * summary listening, and reads what it prints.
 */
class SkippedTestsSummaryTest {
    /** Skips all its tests from @BeforeAll, as PostgresSourceTest does without a server. */
    static class PostgresClassFixture {
        @BeforeAll
        static void server() {
            Assumptions.assumeTrue(false, "RELGRAPH_TEST_PG_URL is not set: skipping PostgreSQL tests");
        }

        @Test
        void a() {
        }

        @Test
        void b() {
        }

        @Test
        void c() {
        }
    }

    /** Skips test by test, with another wording, beside a test that runs. */
    static class PostgresMethodFixture {
        @Test
        void runs() {
        }

        @Test
        void d() {
            Assumptions.abort("RELGRAPH_TEST_PG_URL not set: skipping");
        }

        @Test
        void e() {
            Assumptions.assumeTrue(false, "RELGRAPH_TEST_PG_URL with a password not set");
        }
    }

    @Disabled("needs the shared F1 data")
    static class DisabledFixture {
        @Test
        void f() {
        }
    }

    static class SharedDataFixture {
        @Test
        void g() {
            Assumptions.assumeTrue(false, "no F1 data in /data; skipping");
        }
    }

    private static List<String> summaryOf(Class<?>... fixtures) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        // only this instance listens: the one the service loader would add prints to the build's output
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (Class<?> f : fixtures) {
            request.selectors(selectClass(f));
        }
        launcher.execute(request.build(), new SkippedTestsSummary(out));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void onePostgresLineCountsEveryTestTheMissingVariableSkippedAndOtherReasonsGetALineEach() {
        List<String> lines = summaryOf(PostgresClassFixture.class, PostgresMethodFixture.class,
                DisabledFixture.class, SharedDataFixture.class);
        assertEquals(List.of("skipped 5 PostgreSQL tests: " + SkippedTestsSummary.PG_REASON,
                "skipped 1 test: needs the shared F1 data", "skipped 1 test: no F1 data in /data; skipping"), lines);
    }

    @Test
    void testsSkippedOneByOneAreCountedOnce() {
        assertEquals(List.of("skipped 2 PostgreSQL tests: " + SkippedTestsSummary.PG_REASON),
                summaryOf(PostgresMethodFixture.class));
    }

    static class RunsFixture {
        @Test
        void runs() {
        }
    }

    @Test
    void aRunWithoutSkipsPrintsNothing() {
        assertEquals(List.of(), summaryOf(RunsFixture.class));
    }
}

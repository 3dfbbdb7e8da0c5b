package org.relgraph.testsupport;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says at the end of a module's tests which tests did not run and why, a line per reason: Maven's "Skipped: 12"
 * does not say that they were the PostgreSQL tests, skipped because RELGRAPH_TEST_PG_URL is not set. Registered
 * through META-INF/services, so every module that has this artifact on its test classpath prints it.
 */
public final class SkippedTestsSummary implements TestExecutionListener {
    /** The variable that names the PostgreSQL server the PostgreSQL tests use; without it they skip. */
    static final String PG_VARIABLE = "RELGRAPH_TEST_PG_URL";
    static final String PG_REASON = PG_VARIABLE + " is not set (export it as a "
            + "jdbc:postgresql://host:port/db?user=...&password=... URL of a database they may create schemas in, "
            + "as .ci/run does; see README)";

    /** JUnit's prefix to an assumption's message: noise in a summary of reasons. */
    private static final String ASSUMPTION_PREFIX = "Assumption failed: ";

    private final PrintStream out;
    private TestPlan plan;
    /** Reason (or group) → the tests it skipped, in the order first heard. */
    private final Map<String, Set<String>> skipped = new LinkedHashMap<>();
    private final Set<String> counted = new HashSet<>();

    /** The instance JUnit's service loader creates: prints to standard output, which surefire shows. */
    public SkippedTestsSummary() {
        this(System.out);
    }

    SkippedTestsSummary(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        skipped.clear();
        counted.clear();
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        record(id, reason);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            record(id, result.getThrowable().map(Throwable::getMessage).orElse(null));
        }
    }

    /** A container that skipped or aborted (an assumption in @BeforeAll) skips every test in it. */
    private void record(TestIdentifier id, String reason) {
        List<TestIdentifier> tests = new ArrayList<>();
        if (id.isTest()) {
            tests.add(id);
        } else if (plan != null) {
            plan.getDescendants(id).stream().filter(TestIdentifier::isTest).forEach(tests::add);
        }
        Set<String> group = skipped.computeIfAbsent(group(reason), r -> new LinkedHashSet<>());
        for (TestIdentifier t : tests) {
            if (counted.add(t.getUniqueId())) {
                group.add(t.getUniqueId());
            }
        }
    }

    /** The PostgreSQL tests word their reasons differently; they are one group. */
    static String group(String reason) {
        if (reason == null || reason.isBlank()) {
            return "no reason given";
        }
        if (reason.contains(PG_VARIABLE)) {
            return PG_REASON;
        }
        String first = reason.strip().lines().findFirst().orElse(reason);
        return first.startsWith(ASSUMPTION_PREFIX) ? first.substring(ASSUMPTION_PREFIX.length()) : first;
    }

    /** One line per reason: "skipped 12 PostgreSQL tests: RELGRAPH_TEST_PG_URL is not set (...)", "skipped 1 test: ...". */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        skipped.forEach((reason, tests) -> {
            if (!tests.isEmpty()) {
                String noun = reason.equals(PG_REASON) ? "PostgreSQL test" : "test";
                lines.add("skipped " + tests.size() + " " + noun + (tests.size() == 1 ? "" : "s") + ": " + reason);
            }
        });
        return lines;
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        lines().forEach(out::println);
        out.flush();
    }
}

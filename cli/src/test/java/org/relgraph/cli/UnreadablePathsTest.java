package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A path the user named that relgraph may not open, or that does not exist, is one error line and a hint (exit 2),
 * not "a bug in relgraph" (exit 3). Root reads everything, so the commands on locked paths run only as another
 * user (they are skipped, saying so, as root); the translation they rely on is tested as any user by throwing the
 * JDK's own exceptions through the error handler.
 */
class UnreadablePathsTest {
    @TempDir
    Path dir;

    private final List<Path> locked = new java.util.ArrayList<>();

    @AfterEach
    void unlock() throws IOException {
        for (Path p : locked) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void assertUserError(int code, String err, String... parts) {
        assertEquals(UserErrorHandler.USER_ERROR, code, err);
        List<String> lines = err.lines().filter(l -> l.startsWith("error:") || l.startsWith("hint:")).toList();
        assertEquals(2, lines.size(), err);
        for (String p : parts) {
            assertTrue(err.contains(p), "expected '" + p + "' in: " + err);
        }
    }

    @CommandLine.Command(name = "failing")
    static final class Failing implements Callable<Integer> {
        private final Exception failure;

        Failing(Exception failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            throw failure;
        }
    }

    /** Runs a command that fails with {@code failure} through the CLI's error handler: exit code and stderr. */
    private static String[] handle(Exception failure) {
        CommandLine cmd = new CommandLine(new Failing(failure)).setExecutionExceptionHandler(new UserErrorHandler());
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute();
        return new String[] {String.valueOf(code), err.toString()};
    }

    @Test
    void aPermissionDeniedAnywhereIsAUserErrorNamingThePath() {
        String[] r = handle(new UncheckedIOException(new AccessDeniedException("/data/bank")));
        assertUserError(Integer.parseInt(r[0]), r[1], "error: /data/bank: permission denied",
                "hint: relgraph runs as user '" + System.getProperty("user.name") + "'", "permissions");
    }

    @Test
    void javaIoPermissionFailuresAreUserErrorsToo() {
        // File-based readers (Jackson's readTree(File)) report it this way
        String[] r = handle(new IOException("reading", new FileNotFoundException(
                "/models/m/bundle.json (Permission denied)")));
        assertUserError(Integer.parseInt(r[0]), r[1], "error: /models/m/bundle.json: permission denied");
    }

    @Test
    void otherFailuresAreStillReportedAsBugs() {
        String[] r = handle(new IllegalStateException("boom"));
        assertEquals(String.valueOf(UserErrorHandler.INTERNAL_ERROR), r[0], r[1]);
    }

    @Test
    void aMissingQueryFileIsAUserError() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("query", "--data",
                InspectAndGenerateTest.SAMPLE.toString(), "--query-file", dir.resolve("nope.pql").toString());
        assertUserError(r.code, r.err, "no such file or folder: " + dir.resolve("nope.pql"));
    }

    /** Takes every permission away; skips the test where that changes nothing (root). */
    private Path lock(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        locked.add(p);
        assumeFalse(Files.isReadable(p), "running as " + System.getProperty("user.name") + ", who opens files "
                + "whatever their permissions: run these tests as another user to see locked paths refused");
        return p;
    }

    private Path sampleCopy() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        try (var files = Files.list(InspectAndGenerateTest.SAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, data.resolve(f.getFileName()));
            }
        }
        return data;
    }

    @Test
    void aLockedDataFolder() throws IOException {
        Path data = lock(sampleCopy());
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("inspect", "--data", data.toString());
        assertUserError(r.code, r.err, data + ": permission denied");
    }

    @Test
    void aLockedDataFile() throws IOException {
        Path data = sampleCopy();
        Path accounts = lock(data.resolve("accounts.csv"));
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("inspect", "--data", data.toString());
        assertUserError(r.code, r.err, accounts + ": permission denied");
    }

    @Test
    void aLockedSchemaFile() throws IOException {
        Path data = sampleCopy();
        Path schema = lock(data.resolve("schema.yaml"));
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("inspect", "--data", data.toString());
        assertUserError(r.code, r.err, schema + ": permission denied");
    }

    @Test
    void aLockedQueryFile() throws IOException {
        Path query = lock(Files.writeString(dir.resolve("q.pql"),
                "PREDICT COUNT(TRANSACTIONS.*, 0, 30, days) > 0 FOR EACH CUSTOMERS.CUSTOMER_ID"));
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("query", "--data",
                InspectAndGenerateTest.SAMPLE.toString(), "--query-file", query.toString());
        assertUserError(r.code, r.err, query + ": permission denied");
    }

    @Test
    void aLockedModelBundle() throws IOException {
        Path model = lock(Files.createDirectories(dir.resolve("model")));
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("explain", "--model", model.toString(), "--data",
                InspectAndGenerateTest.SAMPLE.toString(), "--entity", "1");
        assertUserError(r.code, r.err, model + "/", "permission denied");
    }
}

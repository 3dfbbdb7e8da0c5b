package org.relgraph.models.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.schema.SchemaException;

class FileScoreWriterTest {
    private static final WriteOptions RUN = new WriteOptions(LocalDate.of(2025, 3, 31), "mortgage-gnn-v3");

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"scores.csv", "scores.parquet", "scores.json", "scores.jsonl"})
    void everyFormatReadsBackWithTheSameValues(String fileName) throws Exception {
        ScoreTable table = SampleScores.propensity(250, 1);
        Path target = folder.resolve(fileName);

        ScoreOutputs.write(target.toString(), RUN, table);

        assertEquals(SampleScores.rows(table), readBack(target, table));
        assertEquals(List.of(target), filesIn(folder), "only the target remains, no temporary file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"scores.csv", "scores.parquet"})
    void nonFiniteDoublesSurviveWhereTheFormatCanHoldThem(String fileName) throws Exception {
        ScoreTable table = nonFiniteScores();
        Path target = folder.resolve(fileName);

        ScoreOutputs.write(target.toString(), RUN, table);

        assertEquals(SampleScores.rows(table), readBack(target, table));
    }

    @Test
    void nonFiniteDoublesBecomeNullInJsonSoEveryLineIsValidJson() throws Exception {
        Path target = folder.resolve("scores.json");

        ScoreOutputs.write(target.toString(), RUN, nonFiniteScores());

        assertEquals(List.of("{\"SCORE\":null}", "{\"SCORE\":null}", "{\"SCORE\":null}", "{\"SCORE\":1e-300}"),
                Files.readAllLines(target));
    }

    private static ScoreTable nonFiniteScores() {
        return new ScoreTable(List.of(ScoreColumn.doubles("SCORE",
                new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300})));
    }

    @Test
    void batchesAreConcatenatedInOrder() throws Exception {
        ScoreTable first = SampleScores.propensity(30, 1);
        ScoreTable second = SampleScores.propensity(20, 2);
        Path target = folder.resolve("scores.parquet");

        try (ScoreTableWriter writer = ScoreOutputs.open(target.toString(), RUN)) {
            writer.append(first);
            writer.append(second);
            writer.commit();
        }

        List<List<Object>> expected = new ArrayList<>(SampleScores.rows(first));
        expected.addAll(SampleScores.rows(second));
        assertEquals(expected, readBack(target, first));
    }

    @Test
    void anEmptyTableWritesAHeaderOnlyCsv() throws Exception {
        Path target = folder.resolve("empty.csv");

        ScoreOutputs.write(target.toString(), RUN, SampleScores.propensity(0, 1));

        assertEquals("CUSTOMER_ID,NAME,MORTGAGE_PROPENSITY,RANK,RECOMMENDED_ACTION,LAST_CONTACT",
                Files.readString(target).strip());
    }

    @Test
    void rewritingReplacesTheWholeFile() throws Exception {
        Path target = folder.resolve("scores.csv");
        ScoreOutputs.write(target.toString(), RUN, SampleScores.propensity(500, 1));
        ScoreTable smaller = SampleScores.propensity(7, 2);

        ScoreOutputs.write(target.toString(), RUN, smaller);

        assertEquals(SampleScores.rows(smaller), readBack(target, smaller));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scores.csv", "scores.parquet", "scores.json"})
    void scoringThatFailsHalfwayLeavesTheOldFileAndNoTemporaryFile(String fileName) throws Exception {
        Path target = folder.resolve(fileName);
        ScoreTable old = SampleScores.propensity(10, 9);
        ScoreOutputs.write(target.toString(), RUN, old);
        byte[] oldBytes = Files.readAllBytes(target);
        FailingScorer scorer = new FailingScorer(3);

        IllegalStateException crash = assertThrows(IllegalStateException.class, () -> {
            try (ScoreTableWriter writer = ScoreOutputs.open(target.toString(), RUN)) {
                while (true) {
                    writer.append(scorer.nextBatch());
                }
            }
        });

        assertEquals("scorer crashed after 3 batches", crash.getMessage());
        assertEquals(3, scorer.batchesServed);
        assertTrue(java.util.Arrays.equals(oldBytes, Files.readAllBytes(target)), "old file byte for byte");
        assertEquals(List.of(target), filesIn(folder));
    }

    @Test
    void aCommitRemovesTemporaryFilesOfKilledRunsButNotOfLiveOnesOrOthers() throws Exception {
        Path target = folder.resolve("scores.csv");
        Path killedRun = AtomicFileReplace.temporarySiblingOf(target);
        Path liveRun = AtomicFileReplace.temporarySiblingOf(target);
        Path someoneElses = folder.resolve(".scores.csv.notes.tmp");
        for (Path file : List.of(killedRun, liveRun, someoneElses)) {
            Files.writeString(file, "partial");
        }
        java.nio.file.attribute.FileTime twoHoursAgo = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofHours(2)));
        Files.setLastModifiedTime(killedRun, twoHoursAgo);
        Files.setLastModifiedTime(someoneElses, twoHoursAgo);

        ScoreOutputs.write(target.toString(), RUN, SampleScores.propensity(5, 1));

        assertEquals(Stream.of(target, liveRun, someoneElses).sorted().toList(), filesIn(folder));
    }

    @Test
    void aBatchWithAnotherLayoutIsRejectedAndNothingIsWritten() throws Exception {
        Path target = folder.resolve("scores.csv");
        ScoreTable other = ScoreTable.builder().column("CUSTOMER_ID", ScoreColumn.Kind.STRING).addRow("x").build();

        assertThrows(IllegalArgumentException.class, () -> {
            try (ScoreTableWriter writer = ScoreOutputs.open(target.toString(), RUN)) {
                writer.append(SampleScores.propensity(5, 1));
                writer.append(other);
                writer.commit();
            }
        });

        assertEquals(List.of(), filesIn(folder));
    }

    @Test
    void anUnknownExtensionIsAOneLineErrorWithAHint() {
        SchemaException error = assertThrows(SchemaException.class,
                () -> ScoreOutputs.open(folder.resolve("scores.xlsx").toString(), RUN));

        assertEquals("cannot tell the output format of '" + folder.resolve("scores.xlsx") + "'", error.getMessage());
        assertTrue(error.hint().contains(".csv, .parquet or .json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scores.csv", "scores.parquet", "scores.json"})
    void aTableWithOtherColumnsIsNotReplacedUnlessForced(String fileName) throws Exception {
        Path target = folder.resolve(fileName);
        ScoreTable users = ScoreTable.builder().column("CUSTOMER_ID", ScoreColumn.Kind.INTEGER)
                .column("NAME", ScoreColumn.Kind.STRING).addRow(1L, "Ann").build();
        ScoreOutputs.write(target.toString(), RUN, ReplacePolicy.ANYTHING, users);
        byte[] before = Files.readAllBytes(target);
        ScoreTable scores = SampleScores.propensity(5, 1);

        SchemaException error = assertThrows(SchemaException.class,
                () -> ScoreOutputs.write(target.toString(), RUN, scores));

        assertTrue(error.getMessage().startsWith("output file " + target + " exists and is not a score table "
                + "with these columns ("), error.getMessage());
        assertTrue(error.getMessage().endsWith("relgraph wrote (its columns are CUSTOMER_ID, NAME)"),
                error.getMessage());
        assertEquals("choose a new file, or add --force to replace it", error.hint());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(target)), "left byte for byte");
        assertEquals(List.of(target), filesIn(folder));

        ScoreOutputs.write(target.toString(), RUN, ReplacePolicy.ANYTHING, scores);
        assertEquals(SampleScores.rows(scores), readBack(target, scores));
    }

    @Test
    void aFileThatIsNoTableIsRefusedAtOpenBeforeAnyScoring() throws Exception {
        Path target = Files.writeString(folder.resolve("scores.parquet"), "my notes, not a table");

        SchemaException error = assertThrows(SchemaException.class,
                () -> ScoreOutputs.checkDestination(target.toString(), ReplacePolicy.OWN_OUTPUT_ONLY));

        assertEquals("output file " + target + " exists and is not a score table relgraph wrote (it cannot be "
                + "read as a table)", error.getMessage());
        assertEquals("my notes, not a table", Files.readString(target));
    }

    @Test
    void anEmptyFileHoldsNothingToLoseAndIsReplaced() throws Exception {
        Path target = Files.createFile(folder.resolve("scores.csv"));
        ScoreTable scores = SampleScores.propensity(3, 1);

        ScoreOutputs.write(target.toString(), RUN, scores);

        assertEquals(SampleScores.rows(scores), readBack(target, scores));
    }

    @Test
    void aMissingFolderFailsAtOpenBeforeAnyScoring() {
        SchemaException error = assertThrows(SchemaException.class,
                () -> ScoreOutputs.open(folder.resolve("no/such/dir/scores.csv").toString(), RUN));

        assertTrue(error.getMessage().endsWith("does not exist"), error.getMessage());
    }

    /** Hands out 100-row batches, then throws like a model that hits a bad customer record. */
    private static final class FailingScorer {
        private final int batchesBeforeFailure;
        private int batchesServed;

        FailingScorer(int batchesBeforeFailure) {
            this.batchesBeforeFailure = batchesBeforeFailure;
        }

        ScoreTable nextBatch() {
            if (batchesServed == batchesBeforeFailure) {
                throw new IllegalStateException("scorer crashed after " + batchesServed + " batches");
            }
            return SampleScores.propensity(100, batchesServed++);
        }
    }

    static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    /** Reads the file with DuckDB's own readers, casting each column back to the kind it was written as. */
    static List<List<Object>> readBack(Path file, ScoreTable layout) throws SQLException {
        String path = SqlQuoting.literal(file.toString());
        String name = file.getFileName().toString();
        String source = name.endsWith(".csv") ? "read_csv(" + path + ", header = true, allow_quoted_nulls = false)"
                : name.endsWith(".parquet") ? "read_parquet(" + path + ")"
                : "read_json(" + path + ", format = 'newline_delimited')";
        StringBuilder select = new StringBuilder("SELECT ");
        for (int c = 0; c < layout.columns().size(); c++) {
            ScoreColumn column = layout.column(c);
            select.append(c == 0 ? "" : ", ").append("CAST(").append(SqlQuoting.identifier(column.name()))
                    .append(" AS ").append(switch (column.kind()) {
                        case STRING -> "VARCHAR";
                        case INTEGER -> "BIGINT";
                        case DOUBLE -> "DOUBLE";
                        case DATE -> "DATE";
                    }).append(')');
        }
        List<List<Object>> rows = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duckdb.createStatement();
             ResultSet rs = statement.executeQuery(select + " FROM " + source)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 0; c < layout.columns().size(); c++) {
                    row.add(switch (layout.column(c).kind()) {
                        case DATE -> rs.getObject(c + 1, LocalDate.class);
                        default -> rs.getObject(c + 1);
                    });
                }
                rows.add(row);
            }
        }
        return rows;
    }
}

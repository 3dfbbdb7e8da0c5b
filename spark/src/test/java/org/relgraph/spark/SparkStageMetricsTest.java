package org.relgraph.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.bank.BankQueries;

/**
 * {@link SparkStageMetrics} adds up Spark's task metrics per relgraph stage: a job that shuffles shows shuffle rows
 * and bytes, one that does not shows none; tasks outside a section are not counted in it; and the jobs write the
 * totals into their JSON summaries (the neighbourhoods' hops add up to the rows the job wrote) and print each
 * stage's line as it ends.
 */
class SparkStageMetricsTest {
    private static final String MORTGAGE = BankQueries.MORTGAGE;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session();
    }

    @Test
    void aShufflingSectionShowsShuffleBytesAndAWriteOnlySectionNone() {
        String parquet = tmp.resolve("numbers").toString();
        SparkStageMetrics m = SparkStageMetrics.attach(spark);
        try {
            try (SparkStageMetrics.Section s = m.section("write")) {
                spark.range(0, 1000, 1, 2).write().parquet(parquet); // a map-only job: no exchange
            }
            long groups = m.measure("group", () -> spark.read().parquet(parquet)
                    .groupBy(col("id").mod(10)).count().collectAsList().size());
            assertEquals(10, groups);
            spark.range(0, 100, 1, 2).groupBy(col("id").mod(3)).count().collectAsList(); // outside any section
        } finally {
            m.close();
        }
        Map<String, SparkStageMetrics.Totals> byName = new HashMap<>();
        m.sections().forEach(t -> byName.put(t.name, t));

        SparkStageMetrics.Totals write = byName.get("write");
        assertEquals(1000, write.outputRows, "rows written to Parquet");
        assertTrue(write.outputBytes > 0);
        assertEquals(0, write.shuffleWriteBytes);
        assertEquals(0, write.shuffleReadBytes);
        assertEquals(0, write.shuffleReadRows);
        assertTrue(write.tasks >= 2 && write.jobs >= 1, write.tasks + " tasks, " + write.jobs + " jobs");
        assertTrue(write.cpuNanos > 0);

        SparkStageMetrics.Totals group = byName.get("group");
        assertEquals(1000, group.inputRows, "rows read from the Parquet files");
        assertTrue(group.shuffleWriteBytes > 0, "shuffle bytes written");
        assertTrue(group.shuffleWriteRows >= 10, "a partial count per key and map task");
        assertEquals(group.shuffleWriteRows, group.shuffleReadRows, "every shuffled row read once");
        assertEquals(group.shuffleWriteBytes, group.shuffleReadBytes);
        assertEquals(0, group.outputRows);
        assertTrue(group.peakTaskMemory > 0, "an aggregation holds a hash map");
        assertTrue(group.wallNanos > 0);

        // the job outside any section is counted apart, not in the last section
        assertTrue(byName.containsKey(SparkStageMetrics.OTHER), byName.keySet().toString());
        assertEquals(List.of("write", "group", SparkStageMetrics.OTHER),
                m.sections().stream().map(t -> t.name).toList());
    }

    @Test
    void labelsPrintsTheStagesAndWritesThemToTheMetricsFile() throws IOException {
        Path bank = tmp.resolve("bank");
        new org.relgraph.datasets.bank.BankGenerator(org.relgraph.datasets.bank.BankConfig.of(100, 5)).generate(bank);
        Path out = tmp.resolve("mortgage.csv");
        Path metrics = tmp.resolve("mortgage-metrics.json");
        SparkLabelsTest.Result r = SparkLabelsTest.run("labels", "--data", bank.toString(), "--query", MORTGAGE,
                "--train-anchors", "2", "--out", out.toString(), "--metrics", metrics.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Spark stage metrics ("), r.out());
        assertTrue(r.out().contains("process peak RSS"), r.out());
        // each stage's line as it ends, before the job's last lines
        assertTrue(r.out().contains("stage checks ") && r.out().contains("stage time range ")
                && r.out().indexOf("stage labels ") < r.out().indexOf("Wrote "), r.out());
        JsonNode json = JSON.readTree(metrics.toFile());
        assertEquals("labels", json.get("job").asText());
        long rows = Files.lines(out).count() - 1;
        assertEquals(rows, json.get("rows").asLong());
        Map<String, JsonNode> stages = stages(json.get("spark_metrics"));
        assertEquals(List.of("checks", "time range", "labels"), List.copyOf(stages.keySet()));
        JsonNode labels = stages.get("labels");
        assertTrue(labels.get("shuffle_write_bytes").asLong() > 0, labels.toString());
        assertTrue(labels.get("input_rows").asLong() > 0, labels.toString());
        assertTrue(json.get("spark_metrics").get("jvm_heap_peak_bytes").asLong() > 0);
        assertTrue(json.get("spark_metrics").get("process_peak_rss_bytes").asLong() > 0);

        // a second run replaces its own metrics file; a file relgraph did not write is refused, the --out too
        assertEquals(0, SparkLabelsTest.run("labels", "--data", bank.toString(), "--query", MORTGAGE,
                "--train-anchors", "1", "--out", out.toString(), "--metrics", metrics.toString()).code());
        Path foreign = Files.writeString(tmp.resolve("notes.json"), "{\"mine\": true}\n");
        SparkLabelsTest.Result refused = SparkLabelsTest.run("labels", "--data", bank.toString(), "--query",
                MORTGAGE, "--out", out.toString(), "--metrics", foreign.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("error: --metrics " + foreign + " exists and is not a metrics file "
                + "relgraph wrote"), refused.err());
        assertEquals("{\"mine\": true}\n", Files.readString(foreign));
        SparkLabelsTest.Result same = SparkLabelsTest.run("labels", "--data", bank.toString(), "--query",
                MORTGAGE, "--out", out.toString(), "--metrics", out.toString());
        assertEquals(2, same.code());
        assertTrue(same.err().contains("is the --out file"), same.err());
    }

    @Test
    void aMetricsFileInAMissingFolderOrNamingAFolderIsRefusedBeforeAnyWork() throws IOException {
        Path out = tmp.resolve("any.csv");
        Path missing = tmp.resolve("no-such-folder/m.json");
        org.relgraph.schema.SchemaException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.relgraph.schema.SchemaException.class, () -> MetricsFile.checkDestination(missing, out,
                        org.relgraph.io.ReplacePolicy.force(false)));
        assertTrue(e.getMessage().startsWith("--metrics " + missing + ": folder ") && e.getMessage()
                .endsWith("does not exist"), e.getMessage());
        Path folder = Files.createDirectories(tmp.resolve("a-folder"));
        e = org.junit.jupiter.api.Assertions.assertThrows(org.relgraph.schema.SchemaException.class,
                () -> MetricsFile.checkDestination(folder, out, org.relgraph.io.ReplacePolicy.force(true)));
        assertEquals("--metrics " + folder + " is a folder", e.getMessage());
        // an empty file holds nothing to lose; --force replaces anything
        MetricsFile.checkDestination(Files.writeString(tmp.resolve("empty.json"), ""), out,
                org.relgraph.io.ReplacePolicy.force(false));
        MetricsFile.checkDestination(Files.writeString(tmp.resolve("other.json"), "x"), out,
                org.relgraph.io.ReplacePolicy.force(true));
    }

    @Test
    void neighbourhoodsWritesEachHopsCostIntoItsSummaryAndTheHopsAddUpToItsRows() throws IOException {
        Path f1 = SmallF1Graph.write(tmp.resolve("f1"));
        Path labels = SmallF1Graph.labels(tmp.resolve("f1-labels.csv"));
        Path out = tmp.resolve("neigh");
        SparkLabelsTest.Result r = SparkLabelsTest.run("neighbourhoods", "--data", f1.toString(), "--labels",
                labels.toString(), "--fanouts", "2,2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Spark stage metrics ("), r.out());
        JsonNode json = JSON.readTree(out.resolve("neighbourhoods.json").toFile());
        Map<String, JsonNode> stages = stages(json.get("spark_metrics"));
        assertEquals(List.of("checks", "seeds", "hop 0", "hop 1", "hop 2", "count"),
                List.copyOf(stages.keySet()));
        long written = 0;
        for (String hop : List.of("hop 0", "hop 1", "hop 2")) {
            written += stages.get(hop).get("output_rows").asLong();
            assertTrue(stages.get(hop).get("shuffle_write_bytes").asLong() > 0, hop + " is bucketed by a shuffle");
        }
        assertEquals(json.get("rows").asLong(), written, "the hops' Parquet rows are the job's rows");
        assertEquals(0, stages.get("count").get("output_rows").asLong());
    }

    @Test
    void peakRssIsReadFromProcStatusAndTheHeapPeakSeesAnAllocation() throws IOException {
        Path status = Files.writeString(tmp.resolve("status"), "Name:\tjava\nVmPeak:\t 9999 kB\nVmHWM:\t   1234 kB\n");
        assertEquals(OptionalLong.of(1234 * 1024L), JvmMemory.vmHwmBytes(status));
        assertEquals(OptionalLong.empty(), JvmMemory.vmHwmBytes(tmp.resolve("no-such-status")));

        JvmMemory.resetHeapPeak();
        long before = JvmMemory.heapPeakBytes();
        byte[] big = new byte[64 << 20];
        big[big.length - 1] = 1;
        assertTrue(JvmMemory.heapPeakBytes() >= before + (60 << 20) || JvmMemory.heapPeakBytes() >= (64 << 20),
                "peak " + JvmMemory.heapPeakBytes() + " after allocating 64 MB");
        assertTrue(JvmMemory.heapPeakSinceStartBytes() >= JvmMemory.heapPeakBytes());
        assertFalse(big[0] == 1);
    }

    private static Map<String, JsonNode> stages(JsonNode sparkMetrics) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        sparkMetrics.get("stages").forEach(s -> out.put(s.get("stage").asText(), s));
        return out;
    }
}

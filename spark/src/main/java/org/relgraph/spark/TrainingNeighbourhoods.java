package org.relgraph.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.schema.SchemaException;

/**
 * {@code train --neighbourhoods DIR} checked against the training request before the data loads or Spark starts:
 * materialised neighbourhoods are exact only for MOST_RECENT sampling (the same neighbours every epoch), and only
 * for the data (folder, database or catalogue database), fanouts and input cutoff they were sampled with. Whether
 * they hold every training seed is checked once the seeds are known ({@link NeighbourhoodWorkers}).
 */
record TrainingNeighbourhoods(Path dir, Path subgraphs, String entityTable) {
    private static final String REBUILD = "run relgraph-spark neighbourhoods";

    /**
     * @param data the data the job reads (its rows' values)
     * @throws SchemaException on a sampler other than MOST_RECENT, or neighbourhoods sampled from other data, with
     *                         other fanouts or another input cutoff
     */
    static TrainingNeighbourhoods check(Path dir, GnnConfig config, SparkInputs data) {
        requireMostRecent(config);
        JsonNode json = ScoreCommand.Neighbourhoods.metadata(dir);
        data.requireSampledFrom(json, dir, "train");
        int[] stored = ScoreCommand.Neighbourhoods.fanouts(json);
        int[] wanted = config.samplerConfig().fanouts();
        if (!Arrays.equals(stored, wanted)) {
            String w = Arrays.stream(wanted).mapToObj(String::valueOf).collect(Collectors.joining(","));
            throw new SchemaException("--neighbourhoods " + dir + " were sampled with fanouts "
                    + Arrays.toString(stored) + ", and this training samples " + Arrays.toString(wanted),
                    REBUILD + " with --fanouts " + w + ", or train with --fanouts "
                    + Arrays.stream(stored).mapToObj(String::valueOf).collect(Collectors.joining(",")));
        }
        JsonNode cutoff = json.path("input_cutoff");
        String storedCutoff = cutoff.isNull() || cutoff.isMissingNode() ? null : cutoff.asText();
        String wantedCutoff = config.inputCutoffMs() == null ? null : LabelsCommand.iso(config.inputCutoffMs());
        if (!java.util.Objects.equals(storedCutoff, wantedCutoff)) {
            throw new SchemaException("--neighbourhoods " + dir + " were sampled with " + (storedCutoff == null
                    ? "no --input-cutoff" : "--input-cutoff " + storedCutoff) + ", and this training has "
                    + (wantedCutoff == null ? "none" : "--input-cutoff " + wantedCutoff), REBUILD
                    + (wantedCutoff == null ? " without --input-cutoff" : " with --input-cutoff " + wantedCutoff)
                    + ", or train with the neighbourhoods' cutoff");
        }
        return new TrainingNeighbourhoods(dir, dir.resolve(NeighbourhoodsCommand.SUBGRAPHS),
                json.path("entity_table").asText());
    }

    /** Only MOST_RECENT sampling can be materialised: checked first, before the data is even opened. */
    static void requireMostRecent(GnnConfig config) {
        if (config.samplingStrategy() != SamplerConfig.Strategy.MOST_RECENT) {
            throw new SchemaException("--neighbourhoods serves MOST_RECENT sampling only, and --sampling is "
                    + config.samplingStrategy() + " (it draws other neighbours every epoch, which one "
                    + "materialisation cannot hold)", "give --sampling MOST_RECENT (the default), or leave out "
                    + "--neighbourhoods so each executor samples from the data");
        }
    }

    /** The query's entity table must be the seeds' table. */
    void requireEntity(String entity) {
        if (!entityTable.equalsIgnoreCase(entity)) {
            throw new SchemaException("--neighbourhoods " + dir + " hold seeds of " + entityTable + ", and the query "
                    + "predicts for " + entity, "materialise the neighbourhoods of this query's training rows");
        }
    }
}

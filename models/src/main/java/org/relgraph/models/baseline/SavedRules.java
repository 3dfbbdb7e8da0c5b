package org.relgraph.models.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.relgraph.models.features.FeatureSpec;
import org.relgraph.query.TaskType;

/** A fitted {@link RulesPredictor} as JSON: the segment rates, the activity threshold and both shifts. */
record SavedRules(String entityTable, long featureCutoffMs, TaskType task, String segmentColumn,
                  Map<String, Double> segmentRates, double overallMean, FeatureSpec activitySpec,
                  double activityMedian, double activeShift, double quietShift) {
    static final String FILE = "rules.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static void write(Path folder, SavedRules rules) throws IOException {
        JSON.writeValue(folder.resolve(FILE).toFile(), rules);
    }

    static SavedRules read(Path folder) throws IOException {
        return JSON.readValue(folder.resolve(FILE).toFile(), SavedRules.class);
    }
}

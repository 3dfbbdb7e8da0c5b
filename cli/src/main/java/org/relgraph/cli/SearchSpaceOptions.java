package org.relgraph.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.relgraph.gnn.nn.Aggregation;
import org.relgraph.gnn.nn.ConvKind;
import org.relgraph.models.tune.SearchSpace;
import org.relgraph.schema.SchemaException;
import picocli.CommandLine.Option;

/**
 * tune's search space: each option lists the values to try (comma-separated or repeated), and an option left out
 * searches {@link SearchSpace#DEFAULTS}' values ({@link #defaults()}, which tune's default provider applies and the
 * help text shows).
 */
final class SearchSpaceOptions {
    @Option(names = "--hidden", split = ",", paramLabel = "D",
            description = "Hidden widths to try (default ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--layers", split = ",", paramLabel = "L",
            description = "Message-passing layer counts to try (default ${DEFAULT-VALUE}).")
    List<Integer> layers;

    @Option(names = "--fanouts", split = ";", paramLabel = "K1,K2[,K3]",
            description = "Fanout choices: neighbours sampled per hop, choices separated by ';' or given by repeating "
                    + "the option. A model of L layers uses the first L counts, so give as many as the deepest "
                    + "--layers (default ${DEFAULT-VALUE}).")
    List<String> fanouts;

    @Option(names = "--lr", split = ",", paramLabel = "RATE",
            description = "Adam learning rates to try (default ${DEFAULT-VALUE}).")
    List<Double> learningRates;

    @Option(names = "--dropout", split = ",", paramLabel = "P",
            description = "Dropouts to try (default ${DEFAULT-VALUE}).")
    List<Double> dropouts;

    @Option(names = "--aggregation", split = ",", paramLabel = "AGG",
            description = "SAGE's neighbour aggregations to try: SUM, MEAN (default ${DEFAULT-VALUE}; GAT has none).")
    List<Aggregation> aggregations;

    @Option(names = "--conv", split = ",", paramLabel = "KIND",
            description = "Convolutions to try: sage, gat (default ${DEFAULT-VALUE}).")
    List<ConvKind> convs;

    /** The space these options describe: the defaults with each given option's values instead. */
    SearchSpace space() {
        SearchSpace s = SearchSpace.DEFAULTS;
        s = hidden == null ? s : s.withHidden(hidden);
        s = layers == null ? s : s.withLayers(layers);
        s = fanouts == null ? s : s.withFanouts(fanouts.stream().map(SearchSpaceOptions::fanoutChoice).toList());
        s = learningRates == null ? s : s.withLearningRates(learningRates);
        s = dropouts == null ? s : s.withDropouts(dropouts);
        s = aggregations == null ? s : s.withAggregations(aggregations);
        s = convs == null ? s : s.withConvs(convs);
        s.check();
        return s;
    }

    private static List<Integer> fanoutChoice(String text) {
        List<Integer> counts = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                counts.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new SchemaException("--fanouts '" + text + "' is not a list of counts",
                        "give neighbours per hop separated by commas, one choice per option, e.g. --fanouts 10,5,5 "
                                + "--fanouts 20,10,5");
            }
        }
        return counts;
    }

    /** The defaults of these options, from {@link SearchSpace#DEFAULTS}, as picocli parses them. */
    static Map<String, String> defaults() {
        SearchSpace d = SearchSpace.DEFAULTS;
        return Map.of(
                "--hidden", join(d.hidden()),
                "--layers", join(d.layers()),
                "--fanouts", d.fanouts().stream().map(SearchSpaceOptions::join).collect(Collectors.joining(";")),
                "--lr", join(d.learningRates()),
                "--dropout", join(d.dropouts()),
                "--aggregation", join(d.aggregations()),
                "--conv", d.convs().stream().map(c -> c.name().toLowerCase(java.util.Locale.ROOT))
                        .collect(Collectors.joining(",")));
    }

    private static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}

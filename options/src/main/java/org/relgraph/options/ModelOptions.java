package org.relgraph.options;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.relgraph.gnn.model.Architecture;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.Optimisation;
import org.relgraph.gnn.model.Sampling;
import org.relgraph.gnn.model.TaskSettings;
import org.relgraph.gnn.model.TrainingLoop;
import org.relgraph.gnn.nn.Aggregation;
import org.relgraph.gnn.nn.ConvKind;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.schema.SchemaException;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The GNN's hyper-parameters. Their defaults are the config parts' own ({@link GnnConfig#defaults()}): a command
 * that mixes these options in declares {@code defaultValueProvider = ModelOptions.Defaults.class}, which fills the
 * options and the help text's {@code ${DEFAULT-VALUE}} from them.
 */
public final class ModelOptions {
    @Option(names = "--epochs", paramLabel = "N",
            description = "Maximum epochs (default ${DEFAULT-VALUE}; early stopping usually ends sooner).")
    Integer epochs;

    @Option(names = "--patience", paramLabel = "N",
            description = "Epochs without validation improvement before stopping (default ${DEFAULT-VALUE}).")
    Integer patience;

    @Option(names = "--batch-size", paramLabel = "N", description = "Seeds per mini-batch (default ${DEFAULT-VALUE}).")
    Integer batchSize;

    @Option(names = "--fanouts", paramLabel = "K1,K2", split = ",",
            description = "Neighbours sampled per node and edge type at each hop (default ${DEFAULT-VALUE}).")
    int[] fanouts;

    @Option(names = "--hidden", paramLabel = "D", description = "Hidden width (default ${DEFAULT-VALUE}).")
    Integer hidden;

    @Option(names = "--layers", paramLabel = "L", description = "Message-passing layers (default ${DEFAULT-VALUE}).")
    Integer layers;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    Double learningRate;

    @Option(names = "--dropout", paramLabel = "P", description = "Dropout (default ${DEFAULT-VALUE}).")
    Double dropout;

    @Option(names = "--sampling", paramLabel = "STRATEGY",
            description = "Neighbour sampling: MOST_RECENT (the latest rows before the seed time) or UNIFORM "
                    + "(default ${DEFAULT-VALUE}).")
    SamplerConfig.Strategy sampling;

    @Option(names = "--aggregation", paramLabel = "AGG",
            description = "How a node combines its sampled neighbours' messages: SUM or MEAN (default "
                    + "${DEFAULT-VALUE}). SUM lets the model count (e.g. recent transactions); MEAN cannot.")
    Aggregation aggregation;

    @Option(names = "--conv", paramLabel = "KIND",
            description = "Message passing per edge type (default ${DEFAULT-VALUE}): sage (a sum or mean of the sampled "
                    + "neighbours) or gat (attention over them, the neighbour's age in the score; --aggregation does "
                    + "not apply). predict, explain and evaluate use the model's own.")
    String conv;

    @Option(names = "--child-summaries", negatable = true,
            description = "Give each row summaries of all its child rows as of the prediction time: counts overall, "
                    + "in the last 30 and 90 days, recency of the latest, and per value of the children's few-valued "
                    + "categorical columns the same plus the latest value of each numerical column (e.g. a customer's "
                    + "real-estate transactions this quarter, the savings account's latest balance trend). Default: "
                    + "on for BOOL / regression / multiclass queries, off for ARGMAX / LIST_DISTINCT rankers (where "
                    + "they lowered validation MAP); --no-child-summaries leaves only the sampled neighbours.")
    Boolean childSummaries;

    @Option(names = "--extended-child-summaries",
            description = "Add to the child summaries the sums of each numerical child column over the last 30 and "
                    + "90 days and its 90-day mean, overall and per value of the children's few-valued categorical "
                    + "columns (e.g. cash withdrawn this quarter). Turns the child summaries on. Default: off. "
                    + "predict, explain and evaluate use the model's own.")
    boolean extendedChildSummaries;

    @Option(names = "--label-history", paramLabel = "on|off",
            description = "BOOL / regression queries: give the entity's node its own past labels for the query as "
                    + "inputs (count, mean, last, recency-weighted mean, windows since the last label and since the "
                    + "last positive or the lowest label), from label windows closed by the prediction time and the "
                    + "input cutoff. Default: off. predict, explain and evaluate use the model's own.")
    String labelHistory;

    @Option(names = "--refit",
            description = "BOOL / regression / multiclass queries: once early stopping has chosen the number of "
                    + "epochs on validation, train again from the same starting weights on the train and validation "
                    + "examples for that many epochs and save that model (never on test examples). Its val metrics "
                    + "are the early-stopped run's; the bundle's provenance records the refit. Default: off.")
    Boolean refit;

    @Option(names = "--recency-half-life", paramLabel = "DAYS",
            description = "BOOL / regression / multiclass queries: weight each training example's loss by "
                    + "0.5^(age / DAYS), its age the days from its anchor to the latest training anchor, so recent "
                    + "examples count more; the epoch line's loss is then the weighted loss training minimises. "
                    + "Default: every example weighs the same.")
    Double recencyHalfLifeDays;

    @Option(names = "--action-scorer", paramLabel = "KIND",
            description = "Ranking (ARGMAX, LIST_DISTINCT) only: how each candidate is scored from the customer's "
                    + "embedding: "
                    + "MLP_HISTORY (default: an MLP over the embedding, the action's codes and the customer's own "
                    + "sampled history with that action, e.g. accepted through this channel before), MLP (without "
                    + "the history) or DOT (embedding · action embedding, the scorer before 2026-11).")
    org.relgraph.gnn.model.ActionScorerKind actionScorer;

    @Option(names = "--seed", paramLabel = "N",
            description = "Random seed: same seed, same model (default ${DEFAULT-VALUE}).")
    Long seed;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "CPU",
            description = "cpu (default) or cuda; cuda needs a build with the cuda Maven profile "
                    + "(RELGRAPH_MAVEN_ARGS=-Pcuda) and a GPU with CUDA 11.6.")
    Device device;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads for the math (default: all cores). On a busy machine 1 can be faster.")
    Integer threads;

    /** --device: where the math runs. */
    public Device device() {
        return device;
    }

    /** --threads: the math threads asked for, or null for all cores. */
    public Integer threads() {
        return threads;
    }

    public GnnConfig config() {
        checkRanges();
        Architecture a = Architecture.DEFAULTS;
        a = set(a, hidden, Architecture::withHidden);
        a = set(a, layers, Architecture::withLayers);
        a = set(a, aggregation, Architecture::withAggregation);
        a = set(a, dropout, Architecture::withDropout);
        a = conv == null ? a : a.withConv(convKind());
        Sampling s = Sampling.DEFAULTS;
        s = set(s, fanouts, Sampling::withFanouts);
        s = set(s, sampling, Sampling::withStrategy);
        Optimisation o = set(Optimisation.DEFAULTS, learningRate, Optimisation::withLearningRate);
        TrainingLoop l = TrainingLoop.DEFAULTS;
        l = set(l, epochs, TrainingLoop::withEpochs);
        l = set(l, patience, TrainingLoop::withPatience);
        l = set(l, batchSize, TrainingLoop::withBatchSize);
        l = set(l, seed, TrainingLoop::withSeed);
        l = set(l, refit, TrainingLoop::withRefit);
        l = set(l, recencyHalfLifeDays, TrainingLoop::withRecencyHalfLifeDays);
        TaskSettings t = TaskSettings.DEFAULTS;
        t = set(t, childSummaries, TaskSettings::withChildSummaries);
        if (extendedChildSummaries) {
            if (Boolean.FALSE.equals(childSummaries)) {
                throw new SchemaException("--extended-child-summaries adds to the child summaries, but "
                        + "--no-child-summaries turns them off", "give one of the two");
            }
            t = t.withChildSummaries(true).withExtendedChildSummaries(true);
        }
        t = set(t, actionScorer, TaskSettings::withActionScorer);
        t = set(t, OptionChecks.onOff("--label-history", labelHistory), TaskSettings::withLabelHistory);
        try {
            return new GnnConfig(a, s, o, l, t);
        } catch (IllegalArgumentException e) {
            String hint = a.layers() > s.fanouts().size()
                    ? "give one fanout per layer, e.g. --layers " + a.layers() + " --fanouts "
                            + String.join(",", java.util.Collections.nCopies(a.layers(), "5"))
                    : "see relgraph train --help";
            throw new SchemaException("invalid model options: " + e.getMessage(), hint);
        }
    }

    /** The part with an option's value, or as it is when the option has none. */
    private static <P, V> P set(P part, V value, BiFunction<P, V, P> with) {
        return value == null ? part : with.apply(part, value);
    }

    /** --conv by name, any case; anything else is refused naming the choices. */
    private ConvKind convKind() {
        for (ConvKind kind : ConvKind.values()) {
            if (kind.name().equalsIgnoreCase(conv.trim())) {
                return kind;
            }
        }
        throw new SchemaException("unknown --conv '" + conv + "'",
                "use --conv sage (the default) or --conv gat");
    }

    /** Refuses a number that means nothing (zero epochs, a negative fanout), naming the option. */
    public void checkRanges() {
        OptionChecks.atLeast("--epochs", epochs, 1, "the maximum number of passes over the training examples");
        OptionChecks.atLeast("--patience", patience, 1, "epochs without validation improvement before stopping");
        OptionChecks.atLeast("--batch-size", batchSize, 1, "seeds per mini-batch, e.g. --batch-size 512");
        OptionChecks.atLeast("--hidden", hidden, 1, "the hidden width, e.g. --hidden 64");
        OptionChecks.atLeast("--layers", layers, 0, "message-passing layers, e.g. --layers 2");
        if (fanouts != null) {
            for (int f : fanouts) {
                OptionChecks.atLeast("--fanouts", f, 1, "neighbours sampled per hop, one count per layer, e.g. "
                        + "--fanouts 10,5");
            }
        }
        OptionChecks.positive("--lr", learningRate, "the Adam learning rate, e.g. --lr 0.003");
        OptionChecks.positive("--recency-half-life", recencyHalfLifeDays,
                "the age in days at which a training example weighs half, e.g. --recency-half-life 1825");
        OptionChecks.fraction("--dropout", dropout, "the share of activations dropped in training, e.g. --dropout 0.1");
        OptionChecks.atLeast("--threads", threads, 1, "e.g. --threads 2");
        if (conv != null) {
            convKind();
        }
    }

    /** Checks the options (device, numeric ranges) and applies --threads to ND4J before any math runs. */
    public void applyThreads() {
        device.require();
        checkRanges();
        limitThreads(threads);
    }

    /** Caps ND4J's math threads at {@code threads} (train's and tune's --threads); null leaves all cores. */
    public static void limitThreads(Integer threads) {
        if (threads == null) {
            return;
        }
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threads);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }

    /**
     * The defaults of these options, read from the config parts: the one place they are written down, so
     * {@code --help} cannot drift from what training uses. Options of other classes get their own defaults.
     */
    public static final class Defaults implements IDefaultValueProvider {
        private static final GnnConfig D = GnnConfig.defaults();
        static final Map<String, String> BY_OPTION = Map.ofEntries(
                Map.entry("--epochs", String.valueOf(D.epochs())),
                Map.entry("--patience", String.valueOf(D.patience())),
                Map.entry("--batch-size", String.valueOf(D.batchSize())),
                Map.entry("--fanouts", D.sampling().fanouts().stream().map(String::valueOf)
                        .collect(Collectors.joining(","))),
                Map.entry("--hidden", String.valueOf(D.hidden())),
                Map.entry("--layers", String.valueOf(D.layers())),
                Map.entry("--lr", String.valueOf(D.learningRate())),
                Map.entry("--dropout", String.valueOf(D.dropout())),
                Map.entry("--sampling", D.samplingStrategy().name()),
                Map.entry("--aggregation", D.aggregation().name()),
                Map.entry("--conv", D.conv().name().toLowerCase(java.util.Locale.ROOT)),
                Map.entry("--seed", String.valueOf(D.seed())));

        @Override
        public String defaultValue(ArgSpec arg) {
            boolean ours = arg instanceof OptionSpec o && o.userObject() instanceof java.lang.reflect.Field f
                    && f.getDeclaringClass() == ModelOptions.class;
            return ours ? BY_OPTION.get(((OptionSpec) arg).longestName()) : null;
        }
    }
}

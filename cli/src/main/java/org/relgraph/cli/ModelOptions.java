package org.relgraph.cli;

import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.nn.Aggregation;
import org.relgraph.gnn.nn.ConvKind;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.schema.SchemaException;
import picocli.CommandLine.Option;

/** The GNN's hyper-parameters with the defaults of {@link GnnConfig#defaults()}. */
public final class ModelOptions {
    private static final GnnConfig D = GnnConfig.defaults();

    @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs (default " + 20 + "; early "
            + "stopping usually ends sooner).")
    Integer epochs;

    @Option(names = "--patience", paramLabel = "N",
            description = "Epochs without validation improvement before stopping (default 4).")
    Integer patience;

    @Option(names = "--batch-size", paramLabel = "N", description = "Seeds per mini-batch (default 512).")
    Integer batchSize;

    @Option(names = "--fanouts", paramLabel = "K1,K2", split = ",",
            description = "Neighbours sampled per node and edge type at each hop (default 10,5).")
    int[] fanouts;

    @Option(names = "--hidden", paramLabel = "D", description = "Hidden width (default 64).")
    Integer hidden;

    @Option(names = "--layers", paramLabel = "L", description = "Message-passing layers (default 2).")
    Integer layers;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate (default 0.003).")
    Double learningRate;

    @Option(names = "--dropout", paramLabel = "P", description = "Dropout (default 0.1).")
    Double dropout;

    @Option(names = "--sampling", paramLabel = "STRATEGY",
            description = "Neighbour sampling: MOST_RECENT (default: the latest rows before the "
                    + "seed time) or UNIFORM.")
    SamplerConfig.Strategy sampling;

    @Option(names = "--aggregation", paramLabel = "AGG",
            description = "How a node combines its sampled neighbours' messages: SUM (default) or MEAN. SUM lets "
                    + "the model count (e.g. recent transactions); MEAN cannot.")
    Aggregation aggregation;

    @Option(names = "--conv", paramLabel = "KIND",
            description = "Message passing per edge type: sage (default: a sum or mean of the sampled neighbours) or "
                    + "gat (attention over them, the neighbour's age in the score; --aggregation does not apply). "
                    + "predict, explain and evaluate use the model's own.")
    String conv;

    @Option(names = "--child-summaries", negatable = true,
            description = "Give each row summaries of all its child rows as of the prediction time: counts overall, "
                    + "in the last 30 and 90 days, recency of the latest, and per value of the children's few-valued "
                    + "categorical columns the same plus the latest value of each numerical column (e.g. a customer's "
                    + "real-estate transactions this quarter, the savings account's latest balance trend). Default: "
                    + "on for BOOL / regression / multiclass queries, off for ARGMAX / LIST_DISTINCT rankers (where "
                    + "they lowered validation MAP); --no-child-summaries leaves only the sampled neighbours.")
    Boolean childSummaries;

    @Option(names = "--action-scorer", paramLabel = "KIND",
            description = "Ranking (ARGMAX, LIST_DISTINCT) only: how each candidate is scored from the customer's "
                    + "embedding: "
                    + "MLP_HISTORY (default: an MLP over the embedding, the action's codes and the customer's own "
                    + "sampled history with that action, e.g. accepted through this channel before), MLP (without "
                    + "the history) or DOT (embedding · action embedding, the scorer before 2026-11).")
    org.relgraph.gnn.model.ActionScorerKind actionScorer;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed: same seed, same model (default 42).")
    Long seed;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "CPU",
            description = "cpu (default) or cuda; cuda needs a build with the cuda Maven profile "
                    + "(RELGRAPH_MAVEN_ARGS=-Pcuda) and a GPU with CUDA 11.6.")
    Device device;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads for the math (default: all cores). On a busy machine 1 can be faster.")
    Integer threads;

    public GnnConfig config() {
        checkRanges();
        try {
            return build();
        } catch (IllegalArgumentException e) {
            String hint = layers != null && fanouts == null
                    ? "give one fanout per layer, e.g. --layers " + layers + " --fanouts "
                            + String.join(",", java.util.Collections.nCopies(layers, "5"))
                    : "see relgraph train --help";
            throw new SchemaException("invalid model options: " + e.getMessage(), hint);
        }
    }

    private GnnConfig build() {
        GnnConfig c = D;
        if (epochs != null) {
            c = c.withEpochs(epochs);
        }
        if (patience != null) {
            c = c.withPatience(patience);
        }
        if (batchSize != null) {
            c = c.withBatchSize(batchSize);
        }
        if (hidden != null) {
            c = c.withHidden(hidden);
        }
        // Fanouts before layers: `--layers 3 --fanouts 10,5,5` must not be checked against the default two fanouts.
        if (fanouts != null) {
            c = c.withFanouts(fanouts);
        }
        if (layers != null) {
            c = c.withLayers(layers);
        }
        if (learningRate != null) {
            c = c.withLearningRate(learningRate);
        }
        if (dropout != null) {
            c = c.withDropout(dropout);
        }
        if (sampling != null) {
            c = c.withSampling(sampling);
        }
        if (aggregation != null) {
            c = c.withAggregation(aggregation);
        }
        if (childSummaries != null) {
            c = c.withChildSummaries(childSummaries);
        }
        if (seed != null) {
            c = c.withSeed(seed);
        }
        if (actionScorer != null) {
            c = c.withActionScorer(actionScorer);
        }
        if (conv != null) {
            c = c.withConv(convKind());
        }
        return c;
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
    void checkRanges() {
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
        if (threads == null) {
            return;
        }
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threads);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }
}

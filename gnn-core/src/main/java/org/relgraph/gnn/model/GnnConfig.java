package org.relgraph.gnn.model;

import java.util.Arrays;
import java.util.Objects;
import org.relgraph.gnn.nn.Activation;
import org.relgraph.gnn.nn.Aggregation;
import org.relgraph.gnn.nn.ConvKind;
import org.relgraph.sampling.SamplerConfig;

/**
 * Hyper-parameters of a heterogeneous GraphSAGE model and its training. Stored in the model bundle, so a record of
 * plain values.
 *
 * @param fanouts       neighbours sampled per hop; also fixes the number of message-passing layers' reach
 * @param actionScorer  next best action: how the entity embedding scores each action, or null for the default of
 *                      the task when training ({@code GnnRanker}); a bundle saved before the choice existed loads
 *                      as {@link ActionScorerKind#DOT}, the only scorer then
 * @param inputCutoffMs the latest time model inputs may see, or null for none. RelBench's protocol: a seed is
 *                      sampled as of min(anchor, cutoff) while its label still comes from the anchor's window, so
 *                      val/test examples never see data newer than the training period
 * @param childSummaries whether parent rows get summaries of all their child rows as inputs
 *                       ({@code ChildActivityEncoding}), or null for the task's default: on for entity predictions,
 *                       off for rankers (on the demo's next-best-action task they lowered validation MAP@3 on both
 *                       seeds tried, docs/MODEL-TUNING.md); a bundle's encoding records what was used
 * @param conv           the per-edge-type convolution; null (a bundle from before the choice) means
 *                       {@link ConvKind#SAGE}
 */
public record GnnConfig(int hidden, int layers, int[] fanouts, Aggregation aggregation, Activation activation,
                        double dropout, double learningRate, double weightDecay, int batchSize, int epochs,
                        int patience, long seed, SamplerConfig.Strategy sampling, Long inputCutoffMs,
                        ActionScorerKind actionScorer, Boolean childSummaries, ConvKind conv) {
    public GnnConfig {
        // A bundle written before the choice existed has no conv: those models were all SAGE.
        conv = conv == null ? ConvKind.SAGE : conv;
        Objects.requireNonNull(fanouts, "fanouts");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(sampling, "sampling");
        if (hidden <= 0 || layers < 0 || batchSize <= 0 || epochs <= 0 || patience <= 0) {
            throw new IllegalArgumentException("hidden, batch size, epochs and patience must be positive and layers "
                    + "non-negative; got hidden " + hidden + ", layers " + layers + ", batch " + batchSize
                    + ", epochs " + epochs + ", patience " + patience);
        }
        if (layers > 0 && fanouts.length < layers) {
            // A layer without a sampled hop behind it would only ever see the seed itself.
            throw new IllegalArgumentException(layers + " layers need at least " + layers + " fanouts, got "
                    + Arrays.toString(fanouts));
        }
        fanouts = fanouts.clone();
    }

    /**
     * Most-recent sampling, SUM aggregation and fanouts [10, 5]: on the synthetic bank's mortgage task they gave
     * +0.05..0.07 test AUROC over uniform/MEAN/[20, 10] at about half the step time; hidden 64 matched 128 over
     * three seeds at 26-30 % less time (docs/MODEL-TUNING.md).
     */
    public static GnnConfig defaults() {
        return new GnnConfig(64, 2, new int[] {10, 5}, Aggregation.SUM, Activation.RELU, 0.1, 3e-3, 1e-4, 512,
                20, 4, 42, SamplerConfig.Strategy.MOST_RECENT, null, null, null, ConvKind.SAGE);
    }

    @Override
    public int[] fanouts() {
        return fanouts.clone();
    }

    /** The sampler of epoch 0; later epochs use {@code withSeed(seed + epoch)} for fresh neighbourhoods. */
    public SamplerConfig samplerConfig() {
        int[] hops = layers == 0 ? new int[] {0} : Arrays.copyOf(fanouts, layers);
        return new SamplerConfig(hops, sampling, seed);
    }

    /** The time a seed's inputs are sampled as of: its anchor, capped by {@link #inputCutoffMs}. */
    public long inputTime(long anchorMs) {
        return inputCutoffMs == null ? anchorMs : Math.min(anchorMs, inputCutoffMs);
    }

    public GnnConfig withHidden(int h) {
        return new GnnConfig(h, layers, fanouts, aggregation, activation, dropout, learningRate, weightDecay,
                batchSize, epochs, patience, seed, sampling, inputCutoffMs, actionScorer,
                childSummaries, conv);
    }

    public GnnConfig withLayers(int n) {
        return new GnnConfig(hidden, n, fanouts, aggregation, activation, dropout, learningRate, weightDecay,
                batchSize, epochs, patience, seed, sampling, inputCutoffMs, actionScorer,
                childSummaries, conv);
    }

    public GnnConfig withFanouts(int... f) {
        return new GnnConfig(hidden, layers, f, aggregation, activation, dropout, learningRate, weightDecay,
                batchSize, epochs, patience, seed, sampling, inputCutoffMs, actionScorer,
                childSummaries, conv);
    }

    public GnnConfig withAggregation(Aggregation a) {
        return new GnnConfig(hidden, layers, fanouts, a, activation, dropout, learningRate, weightDecay,
                batchSize, epochs, patience, seed, sampling, inputCutoffMs, actionScorer,
                childSummaries, conv);
    }

    public GnnConfig withDropout(double p) {
        return new GnnConfig(hidden, layers, fanouts, aggregation, activation, p, learningRate, weightDecay,
                batchSize, epochs, patience, seed, sampling, inputCutoffMs, actionScorer,
                childSummaries, conv);
    }

    public GnnConfig withLearningRate(double lr) {
        return new GnnConfig(hidden, layers, fanouts, aggregation, activation, dropout, lr, weightDecay,
                batchSize, epochs, patience, seed, sampling, inputCutoffMs, actionScorer,
                childSummaries, conv);
    }

    public GnnConfig withBatchSize(int b) {
        return new GnnConfig(hidden, layers, fanouts, aggregation, activation, dropout, learningRate, weightDecay,
                b, epochs, patience, seed, sampling, inputCutoffMs, actionScorer,
                childSummaries, conv);
    }

    public GnnConfig withEpochs(int e) {
        return new GnnConfig(hidden, layers, fanouts, aggregation, activation, dropout, learningRate, weightDecay,
                batchSize, e, patience, seed, sampling, inputCutoffMs, actionScorer,
                childSummaries, conv);
    }

    public GnnConfig withPatience(int p) {
        return new GnnConfig(hidden, layers, fanouts, aggregation, activation, dropout, learningRate, weightDecay,
                batchSize, epochs, p, seed, sampling, inputCutoffMs, actionScorer,
                childSummaries, conv);
    }

    public GnnConfig withSeed(long s) {
        return new GnnConfig(hidden, layers, fanouts, aggregation, activation, dropout, learningRate, weightDecay,
                batchSize, epochs, patience, s, sampling, inputCutoffMs, actionScorer,
                childSummaries, conv);
    }

    public GnnConfig withSampling(SamplerConfig.Strategy strategy) {
        return new GnnConfig(hidden, layers, fanouts, aggregation, activation, dropout, learningRate, weightDecay,
                batchSize, epochs, patience, seed, strategy, inputCutoffMs, actionScorer,
                childSummaries, conv);
    }

    public GnnConfig withInputCutoffMs(Long cutoff) {
        return new GnnConfig(hidden, layers, fanouts, aggregation, activation, dropout, learningRate, weightDecay,
                batchSize, epochs, patience, seed, sampling, cutoff, actionScorer, childSummaries, conv);
    }

    public GnnConfig withActionScorer(ActionScorerKind kind) {
        return new GnnConfig(hidden, layers, fanouts, aggregation, activation, dropout, learningRate, weightDecay,
                batchSize, epochs, patience, seed, sampling, inputCutoffMs, kind, childSummaries, conv);
    }

    public GnnConfig withConv(ConvKind kind) {
        return new GnnConfig(hidden, layers, fanouts, aggregation, activation, dropout, learningRate, weightDecay,
                batchSize, epochs, patience, seed, sampling, inputCutoffMs, actionScorer, childSummaries, kind);
    }

    /** Whether a model of this config summarises child rows, given the task's default when none was chosen. */
    public boolean childSummariesOr(boolean taskDefault) {
        return childSummaries == null ? taskDefault : childSummaries;
    }

    public GnnConfig withChildSummaries(Boolean on) {
        return new GnnConfig(hidden, layers, fanouts, aggregation, activation, dropout, learningRate, weightDecay,
                batchSize, epochs, patience, seed, sampling, inputCutoffMs, actionScorer, on, conv);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GnnConfig c && hidden == c.hidden && layers == c.layers && Arrays.equals(fanouts, c.fanouts)
                && aggregation == c.aggregation && activation == c.activation && dropout == c.dropout
                && learningRate == c.learningRate && weightDecay == c.weightDecay && batchSize == c.batchSize
                && epochs == c.epochs && patience == c.patience && seed == c.seed && sampling == c.sampling
                && Objects.equals(inputCutoffMs, c.inputCutoffMs) && actionScorer == c.actionScorer
                && Objects.equals(childSummaries, c.childSummaries) && conv == c.conv;
    }

    @Override
    public int hashCode() {
        return Objects.hash(hidden, layers, Arrays.hashCode(fanouts), aggregation, activation, dropout, learningRate,
                weightDecay, batchSize, epochs, patience, seed, sampling, inputCutoffMs, actionScorer,
                childSummaries, conv);
    }

    @Override
    public String toString() {
        return "GnnConfig[hidden=" + hidden + ", layers=" + layers + ", fanouts=" + Arrays.toString(fanouts)
                + ", aggregation=" + aggregation + ", activation=" + activation + ", dropout=" + dropout + ", lr="
                + learningRate + ", weightDecay=" + weightDecay + ", batch=" + batchSize + ", epochs=" + epochs
                + ", patience=" + patience + ", seed=" + seed + ", sampling=" + sampling + ", inputCutoffMs="
                + inputCutoffMs + (actionScorer == null ? "" : ", actionScorer=" + actionScorer)
                + (childSummaries == null ? "" : ", childSummaries=" + childSummaries)
                // Only when not the default: the string is a checkpoint's identity, and SAGE runs from before the
                // choice must still resume.
                + (conv == ConvKind.SAGE ? "" : ", conv=" + conv) + "]";
    }
}

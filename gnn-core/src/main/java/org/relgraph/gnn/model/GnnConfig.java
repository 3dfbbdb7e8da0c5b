package org.relgraph.gnn.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.relgraph.gnn.nn.Activation;
import org.relgraph.gnn.nn.Aggregation;
import org.relgraph.gnn.nn.ConvKind;
import org.relgraph.sampling.SamplerConfig;

/**
 * Everything a GNN's training run is configured with, in parts: the network's {@link Architecture}, the neighbour
 * {@link Sampling}, the {@link Optimisation}, the {@link TrainingLoop} and the task-dependent {@link TaskSettings}.
 * Each part holds its own defaults ({@code DEFAULTS}); this record checks what spans parts (a fanout per layer).
 *
 * <p>Stored in the model bundle as its canonical JSON ({@link GnnConfigJson}), whose hash is the config's
 * {@link #identity()}. The accessors and {@code withX} below are shorthand for the parts' own.
 */
public record GnnConfig(Architecture architecture, Sampling sampling, Optimisation optimisation, TrainingLoop loop,
                        TaskSettings task) {
    public GnnConfig {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(optimisation, "optimisation");
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(task, "task");
        int layers = architecture.layers();
        if (layers > 0 && sampling.fanouts().size() < layers) {
            // A layer without a sampled hop behind it would only ever see the seed itself.
            throw new IllegalArgumentException(layers + " layers need at least " + layers + " fanouts, got "
                    + sampling.fanouts());
        }
    }

    /** Each part's defaults (docs/MODEL-TUNING.md has the measurements behind them). */
    public static GnnConfig defaults() {
        return new GnnConfig(Architecture.DEFAULTS, Sampling.DEFAULTS, Optimisation.DEFAULTS, TrainingLoop.DEFAULTS,
                TaskSettings.DEFAULTS);
    }

    /** The canonical JSON ({@link GnnConfigJson}): what the bundle stores and {@link #identity()} hashes. */
    @JsonValue
    public JsonNode toJson() {
        return GnnConfigJson.toTree(this);
    }

    /** Reads the canonical JSON, or the flat form bundles had before the config came in parts. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static GnnConfig fromJson(JsonNode json) {
        return GnnConfigJson.fromTree(json);
    }

    /**
     * A hash of the canonical JSON: equal for equal configs however their JSON was laid out, different when any
     * field differs. A training checkpoint is resumed only by a run with the same identity.
     */
    public String identity() {
        return GnnConfigJson.identity(this);
    }

    /** The sampler of epoch 0; later epochs use {@code withSeed(seed + epoch)} for fresh neighbourhoods. */
    public SamplerConfig samplerConfig() {
        int[] hops = layers() == 0 ? new int[] {0} : java.util.Arrays.copyOf(fanouts(), layers());
        return new SamplerConfig(hops, sampling.strategy(), seed());
    }

    /** The time a seed's inputs are sampled as of: its anchor, capped by {@link Sampling#inputCutoffMs()}. */
    public long inputTime(long anchorMs) {
        Long cutoff = sampling.inputCutoffMs();
        return cutoff == null ? anchorMs : Math.min(anchorMs, cutoff);
    }

    public GnnConfig withArchitecture(Architecture a) {
        return new GnnConfig(a, sampling, optimisation, loop, task);
    }

    public GnnConfig withSampling(Sampling s) {
        return new GnnConfig(architecture, s, optimisation, loop, task);
    }

    public GnnConfig withOptimisation(Optimisation o) {
        return new GnnConfig(architecture, sampling, o, loop, task);
    }

    public GnnConfig withLoop(TrainingLoop l) {
        return new GnnConfig(architecture, sampling, optimisation, l, task);
    }

    public GnnConfig withTask(TaskSettings t) {
        return new GnnConfig(architecture, sampling, optimisation, loop, t);
    }

    // Shorthand for the parts' fields, which most of the training code reads.

    public int hidden() {
        return architecture.hidden();
    }

    public int layers() {
        return architecture.layers();
    }

    public Aggregation aggregation() {
        return architecture.aggregation();
    }

    public Activation activation() {
        return architecture.activation();
    }

    public double dropout() {
        return architecture.dropout();
    }

    public ConvKind conv() {
        return architecture.conv();
    }

    public int[] fanouts() {
        return sampling.fanouts().stream().mapToInt(Integer::intValue).toArray();
    }

    public SamplerConfig.Strategy samplingStrategy() {
        return sampling.strategy();
    }

    public Long inputCutoffMs() {
        return sampling.inputCutoffMs();
    }

    public double learningRate() {
        return optimisation.learningRate();
    }

    public double weightDecay() {
        return optimisation.weightDecay();
    }

    public int batchSize() {
        return loop.batchSize();
    }

    public int epochs() {
        return loop.epochs();
    }

    public int patience() {
        return loop.patience();
    }

    public long seed() {
        return loop.seed();
    }

    /** Whether training ends with a refit on train + validation ({@link TrainingLoop#refit}). */
    public boolean refits() {
        return loop.refits();
    }

    public Double recencyHalfLifeDays() {
        return loop.recencyHalfLifeDays();
    }

    public ActionScorerKind actionScorer() {
        return task.actionScorer();
    }

    public Boolean childSummaries() {
        return task.childSummaries();
    }

    /** Whether a model of this config summarises child rows, given the task's default when none was chosen. */
    public boolean childSummariesOr(boolean taskDefault) {
        return task.childSummariesOr(taskDefault);
    }

    public Boolean labelHistory() {
        return task.labelHistory();
    }

    /** Whether the child summaries hold windowed sums and means of numerical child columns (off unless chosen). */
    public boolean extendedChildSummariesOn() {
        return task.extendedChildSummariesOn();
    }

    /** Whether a model of this config reads the entity's past labels; only a resolved {@code true} turns it on. */
    public boolean readsLabelHistory() {
        return Boolean.TRUE.equals(task.labelHistory());
    }

    // Shorthand for one field's change, which tests and benchmarks chain.

    public GnnConfig withHidden(int h) {
        return withArchitecture(architecture.withHidden(h));
    }

    public GnnConfig withLayers(int n) {
        return withArchitecture(architecture.withLayers(n));
    }

    public GnnConfig withAggregation(Aggregation a) {
        return withArchitecture(architecture.withAggregation(a));
    }

    public GnnConfig withDropout(double p) {
        return withArchitecture(architecture.withDropout(p));
    }

    public GnnConfig withConv(ConvKind kind) {
        return withArchitecture(architecture.withConv(kind));
    }

    public GnnConfig withFanouts(int... f) {
        return withSampling(sampling.withFanouts(f));
    }

    public GnnConfig withSampling(SamplerConfig.Strategy strategy) {
        return withSampling(sampling.withStrategy(strategy));
    }

    public GnnConfig withInputCutoffMs(Long cutoff) {
        return withSampling(sampling.withInputCutoffMs(cutoff));
    }

    public GnnConfig withLearningRate(double lr) {
        return withOptimisation(optimisation.withLearningRate(lr));
    }

    public GnnConfig withBatchSize(int b) {
        return withLoop(loop.withBatchSize(b));
    }

    public GnnConfig withEpochs(int e) {
        return withLoop(loop.withEpochs(e));
    }

    public GnnConfig withPatience(int p) {
        return withLoop(loop.withPatience(p));
    }

    public GnnConfig withSeed(long s) {
        return withLoop(loop.withSeed(s));
    }

    public GnnConfig withRefit(Boolean on) {
        return withLoop(loop.withRefit(on));
    }

    public GnnConfig withRecencyHalfLifeDays(Double days) {
        return withLoop(loop.withRecencyHalfLifeDays(days));
    }

    public GnnConfig withActionScorer(ActionScorerKind kind) {
        return withTask(task.withActionScorer(kind));
    }

    public GnnConfig withChildSummaries(Boolean on) {
        return withTask(task.withChildSummaries(on));
    }

    public GnnConfig withExtendedChildSummaries(Boolean on) {
        return withTask(task.withExtendedChildSummaries(on));
    }

    public GnnConfig withLabelHistory(Boolean on) {
        return withTask(task.withLabelHistory(on));
    }
}

package org.relgraph.models.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.relgraph.gnn.model.Architecture;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.nn.Aggregation;
import org.relgraph.gnn.nn.ConvKind;
import org.relgraph.schema.SchemaException;

/**
 * The GNN settings {@link Tuner} chooses among: the values tried for each searched part of a {@link GnnConfig}.
 * Everything else (batch size, patience, seed, sampling strategy, input cutoff) comes from the base config.
 *
 * <p>A fanout choice lists counts for the deepest model searched; a model of L layers uses its first L (the
 * defaults {@code 10,5,5} and {@code 20,10,5} are {@code 10,5} and {@code 20,10} for two layers). GAT ignores the
 * aggregation, so its trials carry the default aggregation and the space holds each GAT model once.
 *
 * @param hidden        hidden widths
 * @param layers        message-passing layer counts
 * @param fanouts       neighbours sampled per hop, one list per choice
 * @param learningRates Adam learning rates
 * @param dropouts      dropout shares
 * @param aggregations  SAGE's neighbour aggregations
 * @param convs         convolutions
 */
public record SearchSpace(List<Integer> hidden, List<Integer> layers, List<List<Integer>> fanouts,
                          List<Double> learningRates, List<Double> dropouts, List<Aggregation> aggregations,
                          List<ConvKind> convs) {
    /** What {@code relgraph tune} searches unless told otherwise: 216 distinct models around the defaults. */
    public static final SearchSpace DEFAULTS = new SearchSpace(List.of(64, 128), List.of(2, 3),
            List.of(List.of(10, 5, 5), List.of(20, 10, 5)), List.of(1e-3, 3e-3, 1e-2), List.of(0.0, 0.1, 0.3),
            List.of(Aggregation.SUM, Aggregation.MEAN), List.of(ConvKind.SAGE, ConvKind.GAT));

    /** Each list copied with its repeats dropped, first occurrence kept; {@link #check} says what is wrong. */
    public SearchSpace {
        hidden = distinct(hidden);
        layers = distinct(layers);
        fanouts = distinct(fanouts == null ? null : fanouts.stream().map(List::copyOf).toList());
        learningRates = distinct(learningRates);
        dropouts = distinct(dropouts);
        aggregations = distinct(aggregations);
        convs = distinct(convs);
    }

    private static <T> List<T> distinct(List<T> values) {
        return List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(values, "a search space dimension")));
    }

    public SearchSpace withHidden(List<Integer> v) {
        return new SearchSpace(v, layers, fanouts, learningRates, dropouts, aggregations, convs);
    }

    public SearchSpace withLayers(List<Integer> v) {
        return new SearchSpace(hidden, v, fanouts, learningRates, dropouts, aggregations, convs);
    }

    public SearchSpace withFanouts(List<List<Integer>> v) {
        return new SearchSpace(hidden, layers, v, learningRates, dropouts, aggregations, convs);
    }

    public SearchSpace withLearningRates(List<Double> v) {
        return new SearchSpace(hidden, layers, fanouts, v, dropouts, aggregations, convs);
    }

    public SearchSpace withDropouts(List<Double> v) {
        return new SearchSpace(hidden, layers, fanouts, learningRates, v, aggregations, convs);
    }

    public SearchSpace withAggregations(List<Aggregation> v) {
        return new SearchSpace(hidden, layers, fanouts, learningRates, dropouts, v, convs);
    }

    public SearchSpace withConvs(List<ConvKind> v) {
        return new SearchSpace(hidden, layers, fanouts, learningRates, dropouts, aggregations, v);
    }

    /**
     * Refuses a space that cannot be searched, naming the {@code relgraph tune} option: a dimension without values,
     * a value that means nothing (hidden 0, a negative fanout, dropout 1), or fanouts with fewer hops than the
     * deepest layer count.
     */
    public void check() {
        nonEmpty("--hidden", hidden, "e.g. --hidden 64,128");
        nonEmpty("--layers", layers, "e.g. --layers 2,3");
        nonEmpty("--fanouts", fanouts, "e.g. --fanouts 10,5,5 --fanouts 20,10,5");
        nonEmpty("--lr", learningRates, "e.g. --lr 0.001,0.003");
        nonEmpty("--dropout", dropouts, "e.g. --dropout 0,0.1");
        nonEmpty("--aggregation", aggregations, "e.g. --aggregation SUM,MEAN");
        nonEmpty("--conv", convs, "e.g. --conv sage,gat");
        for (int h : hidden) {
            require(h >= 1, "--hidden", "must be at least 1, got " + h, "the hidden width, e.g. --hidden 64,128");
        }
        for (int l : layers) {
            require(l >= 0, "--layers", "must be 0 or more, got " + l, "message-passing layers, e.g. --layers 2,3");
        }
        int deepest = layers.stream().mapToInt(Integer::intValue).max().orElseThrow();
        for (List<Integer> f : fanouts) {
            require(!f.isEmpty() && f.stream().allMatch(k -> k >= 1), "--fanouts", "counts must be at least 1, got "
                    + join(f), "neighbours sampled per hop, e.g. --fanouts 10,5,5");
            require(f.size() >= deepest, "--fanouts", join(f) + " has " + f.size() + " hop" + (f.size() == 1 ? "" : "s")
                    + " but --layers goes up to " + deepest, "give at least one count per layer of the deepest "
                    + "model, e.g. --fanouts " + join(pad(f, deepest)) + ", or leave " + deepest + " out of --layers");
        }
        for (double lr : learningRates) {
            require(lr > 0 && Double.isFinite(lr), "--lr", "must be above 0, got " + lr,
                    "Adam learning rates, e.g. --lr 0.001,0.003");
        }
        for (double d : dropouts) {
            require(d >= 0 && d < 1, "--dropout", "must be at least 0 and below 1, got " + d,
                    "shares of activations dropped in training, e.g. --dropout 0,0.1");
        }
    }

    private static void nonEmpty(String option, List<?> values, String example) {
        require(!values.isEmpty(), option, "has no values to search", "give at least one, " + example
                + ", or leave the option out to search its defaults");
    }

    private static void require(boolean ok, String option, String problem, String hint) {
        if (!ok) {
            throw new SchemaException(option + " " + problem, hint);
        }
    }

    private static List<Integer> pad(List<Integer> f, int hops) {
        List<Integer> padded = new ArrayList<>(f);
        while (padded.size() < hops) {
            padded.add(padded.isEmpty() ? 5 : padded.get(padded.size() - 1));
        }
        return padded;
    }

    static String join(List<Integer> f) {
        return String.join(",", f.stream().map(String::valueOf).toList());
    }

    /**
     * Every distinct model of the space on top of {@code base}, in a fixed order (the dimensions nested as listed,
     * the last fastest): a fanout choice cut to the layer count, GAT with the default aggregation.
     */
    public List<GnnConfig> configs(GnnConfig base) {
        check();
        LinkedHashSet<GnnConfig> all = new LinkedHashSet<>();
        for (int h : hidden) {
            for (int l : layers) {
                for (List<Integer> f : fanouts) {
                    for (double lr : learningRates) {
                        for (double d : dropouts) {
                            for (Aggregation a : aggregations) {
                                for (ConvKind c : convs) {
                                    int[] hops = f.subList(0, Math.min(l, f.size())).stream()
                                            .mapToInt(Integer::intValue).toArray();
                                    Aggregation agg = c == ConvKind.GAT ? Architecture.DEFAULTS.aggregation() : a;
                                    // Built whole: the base's own layers and fanouts need not fit each other's.
                                    all.add(new GnnConfig(base.architecture().withHidden(h).withLayers(l)
                                            .withDropout(d).withAggregation(agg).withConv(c),
                                            base.sampling().withFanouts(hops),
                                            base.optimisation().withLearningRate(lr), base.loop(), base.task()));
                                }
                            }
                        }
                    }
                }
            }
        }
        return List.copyOf(all);
    }

    /** How many distinct models the space holds. */
    public int size() {
        return configs(GnnConfig.defaults()).size();
    }

    /**
     * {@code n} distinct models drawn at random (all of them, in random order, when the space holds fewer): the same
     * seed draws the same models in the same order.
     */
    public List<GnnConfig> sample(GnnConfig base, int n, long seed) {
        List<GnnConfig> all = new ArrayList<>(configs(base));
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = all.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            GnnConfig t = all.get(i);
            all.set(i, all.get(j));
            all.set(j, t);
        }
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /** A model's searched settings in one line, e.g. {@code hidden 64, layers 2, fanouts 10,5, lr 0.003, ...}. */
    public static String describe(GnnConfig c) {
        return String.format(Locale.ROOT, "hidden %d, layers %d, fanouts %s, lr %s, dropout %s, %s", c.hidden(),
                c.layers(), fanoutText(c), number(c.learningRate()), number(c.dropout()), convText(c));
    }

    static String fanoutText(GnnConfig c) {
        return Arrays.stream(Arrays.copyOf(c.fanouts(), Math.min(c.layers(), c.fanouts().length)))
                .mapToObj(String::valueOf).reduce((a, b) -> a + "," + b).orElse("-");
    }

    /** {@code sage sum}, {@code sage mean} or {@code gat}: the aggregation is SAGE's only. */
    static String convText(GnnConfig c) {
        String conv = c.conv().name().toLowerCase(Locale.ROOT);
        return c.conv() == ConvKind.GAT ? conv : conv + " " + c.aggregation().name().toLowerCase(Locale.ROOT);
    }

    static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}

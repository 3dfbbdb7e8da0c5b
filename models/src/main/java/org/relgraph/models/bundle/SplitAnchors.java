package org.relgraph.models.bundle;

import java.util.List;
import org.relgraph.query.TrainingSplits;

/**
 * The anchor times a model was trained, validated and tested on, kept in its bundle so {@code evaluate} rebuilds
 * exactly the same split tables from the data, without the user repeating the split options.
 */
public record SplitAnchors(List<Long> train, List<Long> val, List<Long> test) {
    public SplitAnchors {
        train = List.copyOf(train);
        val = List.copyOf(val);
        test = List.copyOf(test);
    }

    public static SplitAnchors of(TrainingSplits splits) {
        return new SplitAnchors(splits.train().anchors(), splits.val().anchors(), splits.test().anchors());
    }

    /** The anchors of {@code split}: train, val or test. */
    public List<Long> of(String split) {
        return switch (split) {
            case "train" -> train;
            case "val" -> val;
            case "test" -> test;
            default -> throw new org.relgraph.schema.SchemaException("unknown split '" + split + "'",
                    "use train, val or test");
        };
    }
}

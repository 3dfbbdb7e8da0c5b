package org.relgraph.models.gnn;

import java.util.Arrays;
import java.util.function.Function;
import org.relgraph.gnn.train.LabeledSeeds;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;

/**
 * The examples a refit trains on ({@code --refit}): the train split's followed by the validation split's, never a
 * test example. Validation's labels are the ones closest to the test period, which is why a refit is worth having;
 * the test split's must stay unseen for the test metrics to mean anything.
 *
 * @param seeds   the examples as the model consumes them
 * @param anchors each example's anchor time, epoch ms (for recency weights)
 */
record RefitExamples(LabeledSeeds seeds, long[] anchors) {
    /**
     * @param seeds how the model reads a table's examples
     * @throws IllegalStateException when a train or validation example is not strictly before the first test
     *                               anchor: the splits overlap, and refitting on them would train on test labels
     */
    static RefitExamples of(TrainingSplits splits, Function<TrainingTable, LabeledSeeds> seeds) {
        long firstTest = Long.MAX_VALUE;
        for (int i = 0; i < splits.test().size(); i++) {
            firstTest = Math.min(firstTest, splits.test().anchorTime(i));
        }
        requireBefore(splits.train(), firstTest);
        requireBefore(splits.val(), firstTest);
        long[] anchors = new long[splits.train().size() + splits.val().size()];
        Arrays.setAll(anchors, i -> i < splits.train().size() ? splits.train().anchorTime(i)
                : splits.val().anchorTime(i - splits.train().size()));
        return new RefitExamples(LabeledSeeds.concat(seeds.apply(splits.train()), seeds.apply(splits.val())), anchors);
    }

    private static void requireBefore(TrainingTable table, long firstTest) {
        for (int i = 0; i < table.size(); i++) {
            if (table.anchorTime(i) >= firstTest) {
                throw new IllegalStateException("a " + table.split() + " example (" + table.entityKey(i)
                        + " at " + java.time.Instant.ofEpochMilli(table.anchorTime(i)) + ") is not before the first "
                        + "test anchor " + java.time.Instant.ofEpochMilli(firstTest) + ": a refit would train on "
                        + "test-period labels");
            }
        }
    }
}

package org.relgraph.gnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.query.TaskType;
import org.relgraph.schema.SchemaException;

class PredictionHeadTest {
    @Test
    void binaryWeightsPositivesByTheClassRatioUpToACap() {
        assertEquals(3.0, PredictionHead.fit(TaskType.BINARY, new double[] {1, 0, 0, 0}).positiveWeight());
        double[] rare = new double[1000];
        rare[0] = 1;
        assertEquals(PredictionHead.MAX_POSITIVE_WEIGHT, PredictionHead.fit(TaskType.BINARY, rare).positiveWeight());
    }

    @Test
    void binaryScoresUndoThePositiveWeightingOfTheOdds() {
        PredictionHead head = PredictionHead.fit(TaskType.BINARY, new double[] {1, 0, 0, 0});
        // A logit of 0 under weight 3 means weighted odds 1:1, i.e. true odds 1:3.
        double[][] s = head.scores(Nd4j.create(new float[] {0, (float) Math.log(3)}, new long[] {2, 1}));
        assertEquals(0.25, s[0][0], 1e-6);
        assertEquals(0.5, s[1][0], 1e-6);
    }

    @Test
    void regressionPredictsStandardisedTargetsAndScoresInLabelUnits() {
        PredictionHead head = PredictionHead.fit(TaskType.REGRESSION, new double[] {10, 20, 30, 40});
        double std = Math.sqrt(125);
        var output = Nd4j.create(new double[] {0, 1}, new long[] {2, 1}, DataType.DOUBLE).castTo(DataType.FLOAT);
        double[][] s = head.scores(output);
        assertEquals(25.0, s[0][0], 1e-4);
        assertEquals(25.0 + std, s[1][0], 1e-4);
        // The loss is zero exactly where the scores equal the labels.
        assertEquals(0.0, head.loss(output, new double[] {25.0, 25.0 + std}).value(), 1e-5);
    }

    @Test
    void multiclassScoresAreProbabilitiesOverTheTrainingClasses() {
        PredictionHead head = PredictionHead.fit(TaskType.MULTICLASS, new double[] {7, 3, 7, 12});
        assertArrayEquals(new double[] {3, 7, 12}, head.classes());
        assertEquals(3, head.outputs());
        assertEquals(-1, head.classIndex(5));
        double[][] s = head.scores(Nd4j.create(new float[] {0, 2, 1}, new long[] {1, 3}));
        assertEquals(1.0, s[0][0] + s[0][1] + s[0][2], 1e-6);
        assertTrue(s[0][1] > s[0][2] && s[0][2] > s[0][0]);
    }

    @Test
    void rankingIsRefusedWithAUserError() {
        SchemaException e = assertThrows(SchemaException.class,
                () -> PredictionHead.fit(TaskType.RANKING, new double[] {1}));
        assertEquals("ranking queries have no PredictionHead: RankingGnn scores actions", e.getMessage());
    }
}

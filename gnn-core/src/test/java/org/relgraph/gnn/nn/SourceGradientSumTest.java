package org.relgraph.gnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Relations that share a source type add their source gradients into one running sum (issue #20). */
class SourceGradientSumTest {
    @Test
    void addingIntoTheSumGivesTheBitsOfAddingAFreshArray() {
        SplittableRandom rng = new SplittableRandom(7);
        int numSrc = 40;
        int numDst = 9;
        int f = 6;
        int[] src = new int[60];
        int[] dst = new int[60];
        for (int e = 0; e < src.length; e++) {
            src[e] = rng.nextInt(numSrc / 2); // sources past 20 get no gradient: their rows add zeros
            dst[e] = rng.nextInt(numDst);
        }
        INDArray x = GradientCheck.randn(rng, numSrc, f).castTo(DataType.FLOAT);
        INDArray gradOut = GradientCheck.randn(rng, numDst, f).castTo(DataType.FLOAT);
        INDArray sum = GradientCheck.randn(rng, numSrc, f).castTo(DataType.FLOAT);
        sum.putScalar(numSrc - 1, 0, -0.0f); // a negative zero plus nothing must come out as the addi's +0.0

        NeighborAggregate fresh = new NeighborAggregate(Aggregation.SUM);
        fresh.forward(x, src, dst, numDst);
        INDArray expected = sum.dup().addi(fresh.backward(gradOut));

        NeighborAggregate into = new NeighborAggregate(Aggregation.SUM);
        into.forward(x, src, dst, numDst);
        INDArray running = sum.dup();
        assertSame(running, into.backwardInto(gradOut, running));
        int[] expectedBits = bits(expected);
        int[] actualBits = bits(running);
        assertArrayEquals(expectedBits, actualBits);
    }

    @Test
    void aMeanAggregateHandsBackItsOwnArrayForTheCallerToAdd() {
        SplittableRandom rng = new SplittableRandom(3);
        NeighborAggregate mean = new NeighborAggregate(Aggregation.MEAN);
        mean.forward(GradientCheck.randn(rng, 5, 2), new int[] {0, 1, 4}, new int[] {0, 0, 1}, 2);
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, 5, 2);
        INDArray g = mean.backwardInto(GradientCheck.randn(rng, 2, 2), sum);
        assertTrue(g != sum, "a scaled aggregate must not claim to have added");
        assertArrayEquals(new double[10], sum.data().asDouble(), "and must leave the sum alone");
    }

    @Test
    void relationsFromOneSourceTypeDoNotEachAllocateASourceSizedGradient() {
        // Three edge types out of "race" (5000 rows, most of them no relation's source) into small types, as out of
        // races or drivers on rel-f1. Before, each relation's backward kept its own [5000, 16] array in the step's
        // workspace: 3 x 320 KB. Now the first one's array is the running sum the other two add into.
        int numSrc = 5000;
        int f = 16;
        List<String> types = List.of("race", "a", "b", "c");
        List<EdgeKey> edgeTypes = List.of(new EdgeKey("race", "to", "a"), new EdgeKey("race", "to", "b"),
                new EdgeKey("race", "to", "c"));
        HeteroLayer layer = new HeteroLayer("l", types, edgeTypes, HeteroLayer.Config.of(f, f)
                .withAggregation(Aggregation.SUM), DataType.FLOAT, new SplittableRandom(1));
        SplittableRandom rng = new SplittableRandom(2);
        Map<String, INDArray> x = new LinkedHashMap<>();
        x.put("race", GradientCheck.randn(rng, numSrc, f).castTo(DataType.FLOAT));
        Map<EdgeKey, EdgeIndex> edges = new LinkedHashMap<>();
        for (String t : List.of("a", "b", "c")) {
            x.put(t, GradientCheck.randn(rng, 8, f).castTo(DataType.FLOAT));
            edges.put(new EdgeKey("race", "to", t), new EdgeIndex(new int[] {0, 1, 2, 3, 4, 5, 6, 7},
                    new int[] {0, 1, 2, 3, 4, 5, 6, 7}));
        }
        WorkspaceConfiguration config = WorkspaceConfiguration.builder().initialSize(64L << 20)
                .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.NONE).build();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(config, "source-gradient-sum")) {
            Map<String, INDArray> out = layer.forward(x, edges, java.util.Set.of("a", "b", "c"));
            Map<String, INDArray> gradOut = new LinkedHashMap<>();
            out.forEach((t, y) -> gradOut.put(t, y.ulike().assign(1)));
            long before = ws.getThisCycleAllocations();
            Map<String, INDArray> gradIn = layer.backward(gradOut);
            long backward = ws.getThisCycleAllocations() - before;
            long sourceSized = (long) numSrc * f * Float.BYTES;
            assertTrue(backward < 2 * sourceSized, "backward kept " + backward + " bytes in the workspace; one "
                    + "source-sized gradient is " + sourceSized);
            assertTrue(gradIn.get("race").getFloat(0, 0) != 0f, "the races' gradient arrived");
        }
    }

    private static int[] bits(INDArray a) {
        float[] v = a.data().asFloat();
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }
}

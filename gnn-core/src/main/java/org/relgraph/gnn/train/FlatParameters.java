package org.relgraph.gnn.train;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.nn.Parameter;

/**
 * A model's parameters (or an optimiser's per-parameter moments) as one float array in {@link
 * org.relgraph.gnn.nn.Module#parameters()} order: what a parameter server ships and sums. Two models built from the
 * same config, graph and encoding have the same order and sizes, which {@link #requireLength} checks.
 */
public final class FlatParameters {
    private FlatParameters() {
    }

    /** Total number of floats in {@code parameters}. */
    public static int length(List<Parameter> parameters) {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.value().length();
        }
        return Math.toIntExact(n);
    }

    /** The parameters' current values, concatenated. */
    public static float[] values(List<Parameter> parameters) {
        float[] out = new float[length(parameters)];
        int at = 0;
        for (Parameter p : parameters) {
            float[] v = p.value().castTo(DataType.FLOAT).dup('c').data().asFloat();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /** Copies {@code flat} into the parameters in place (an optimiser holding them stays valid). */
    public static void assign(float[] flat, List<Parameter> parameters) {
        requireLength(flat, parameters);
        int at = 0;
        for (Parameter p : parameters) {
            int n = (int) p.value().length();
            INDArray v = Nd4j.create(java.util.Arrays.copyOfRange(flat, at, at + n), p.value().shape(), 'c');
            p.value().assign(v.castTo(p.value().dataType()));
            at += n;
        }
    }

    /** The flat array as named tensors shaped like the parameters (the form of {@link
     * org.relgraph.gnn.optim.Adam.State}'s moments). */
    public static Map<String, INDArray> byName(float[] flat, List<Parameter> parameters) {
        requireLength(flat, parameters);
        Map<String, INDArray> out = new LinkedHashMap<>();
        int at = 0;
        for (Parameter p : parameters) {
            int n = (int) p.value().length();
            out.put(p.name(), Nd4j.create(java.util.Arrays.copyOfRange(flat, at, at + n), p.value().shape(), 'c'));
            at += n;
        }
        return out;
    }

    /** Named tensors (e.g. Adam's moments) flattened in the parameters' order. */
    public static float[] flatten(Map<String, INDArray> byName, List<Parameter> parameters) {
        float[] out = new float[length(parameters)];
        int at = 0;
        for (Parameter p : parameters) {
            INDArray a = byName.get(p.name());
            if (a == null || a.length() != p.value().length()) {
                throw new IllegalArgumentException("no tensor of " + p.value().length() + " values for parameter '"
                        + p.name() + "'");
            }
            FloatBuffer buf = a.castTo(DataType.FLOAT).dup('c').data().asNioFloat();
            buf.get(0, out, at, (int) a.length());
            at += (int) a.length();
        }
        return out;
    }

    static void requireLength(float[] flat, List<Parameter> parameters) {
        int n = length(parameters);
        if (flat.length != n) {
            throw new IllegalArgumentException(flat.length + " values for a model of " + n
                    + " parameters: the worker's model differs from the driver's");
        }
    }
}

package org.relgraph.gnn.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.nn.Module;
import org.relgraph.gnn.nn.Parameter;
import org.relgraph.schema.SchemaException;

/**
 * A copy of a module's parameter values, by parameter name: the best epoch's weights during early stopping, and
 * the weights file of a model bundle.
 *
 * <p>Binary format (big-endian, {@link DataOutputStream}): magic {@code RGWT}, format version, parameter count,
 * then per parameter its name, rank, shape and float32 values. Names rather than positions tie values to
 * parameters, so a reordering of modules is caught instead of silently loading weights into the wrong layer.
 */
public final class WeightCheckpoint {
    private static final int MAGIC = 0x52475754; // "RGWT"
    private static final int FORMAT_VERSION = 1;
    /** Floats per write of {@link #write}: 64 KB, below G1's humongous-object size for any region size. */
    private static final int WRITE_CHUNK_FLOATS = 1 << 14;

    private final Map<String, INDArray> values;

    private WeightCheckpoint(Map<String, INDArray> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static WeightCheckpoint capture(Module module) {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        for (Parameter p : module.parameters()) {
            if (copy.put(p.name(), p.value().dup()) != null) {
                throw new IllegalStateException("two parameters are named '" + p.name() + "'");
            }
        }
        return new WeightCheckpoint(copy);
    }

    /** Named tensors that are not a module's parameters, e.g. an optimiser's moments, in the same file format. */
    public static WeightCheckpoint of(Map<String, INDArray> values) {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v.dup()));
        return new WeightCheckpoint(copy);
    }

    public Map<String, INDArray> values() {
        return values;
    }

    /** Copies the values into {@code module}'s parameters in place (an optimizer holding them stays valid). */
    public void restoreInto(Module module) {
        int matched = 0;
        for (Parameter p : module.parameters()) {
            INDArray v = values.get(p.name());
            if (v == null) {
                throw new SchemaException("the saved weights have no parameter '" + p.name() + "'",
                        "the model was saved with a different architecture or schema; retrain it");
            }
            if (!Arrays.equals(v.shape(), p.value().shape())) {
                throw new SchemaException("parameter '" + p.name() + "' was saved with shape "
                        + Arrays.toString(v.shape()) + " but the model needs " + Arrays.toString(p.value().shape()),
                        "the data's categories or columns differ from training in a way the model cannot absorb; "
                                + "retrain it");
            }
            p.value().assign(v.castTo(p.value().dataType()));
            matched++;
        }
        if (matched != values.size()) {
            throw new SchemaException("the saved weights have " + values.size() + " parameters but the model has "
                    + matched, "the model was saved with a different architecture; retrain it");
        }
    }

    /**
     * Writes the weights file. Values go out through one small reused buffer, never a whole copy of a tensor: a
     * training checkpoint writes four of these every epoch, and whole-size temporary arrays (humongous objects to
     * G1) made the collector grow the heap by hundreds of MB on a 1M-weight model.
     */
    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(FORMAT_VERSION);
        data.writeInt(values.size());
        ByteBuffer chunk = ByteBuffer.allocate(WRITE_CHUNK_FLOATS * Float.BYTES); // big-endian, as the format says
        for (Map.Entry<String, INDArray> e : values.entrySet()) {
            INDArray v = e.getValue();
            data.writeUTF(e.getKey());
            data.writeInt(v.rank());
            for (long d : v.shape()) {
                data.writeLong(d);
            }
            FloatBuffer floats = denseFloat(v).data().asNioFloat();
            int n = (int) v.length();
            for (int from = 0; from < n; from += WRITE_CHUNK_FLOATS) {
                int len = Math.min(WRITE_CHUNK_FLOATS, n - from);
                chunk.clear();
                chunk.asFloatBuffer().put(floats.slice(from, len));
                data.write(chunk.array(), 0, len * Float.BYTES);
            }
        }
        data.flush();
    }

    /** How many bytes {@link #write} writes. */
    public long byteSize() {
        return byteSize(values);
    }

    /** How many bytes {@link #write} writes for a checkpoint of {@code values}, without copying them. */
    static long byteSize(Map<String, INDArray> values) {
        long size = 3L * Integer.BYTES;
        for (Map.Entry<String, INDArray> e : values.entrySet()) {
            INDArray v = e.getValue();
            size += 2 + modifiedUtf8Length(e.getKey()) + Integer.BYTES + (long) Long.BYTES * v.rank()
                    + (long) Float.BYTES * v.length();
        }
        return size;
    }

    /** The byte count of {@link DataOutputStream#writeUTF}'s encoding, after its two length bytes. */
    private static long modifiedUtf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        return n;
    }

    /** {@code v} itself when it is a dense row-major FLOAT array of its own, else such a copy of it. */
    private static INDArray denseFloat(INDArray v) {
        boolean dense = v.dataType() == DataType.FLOAT && !v.isView() && v.ordering() == 'c' && v.offset() == 0
                && v.data().length() == v.length();
        return dense ? v : v.castTo(DataType.FLOAT).dup('c');
    }

    /** @throws SchemaException when the stream is not a complete weights file of this format */
    public static WeightCheckpoint read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            if (data.readInt() != MAGIC) {
                throw damaged("it does not start like a relgraph weights file");
            }
            int version = data.readInt();
            if (version != FORMAT_VERSION) {
                throw new SchemaException("the weights file has format version " + version + ", this relgraph reads "
                        + FORMAT_VERSION, "use the relgraph version that trained the model, or retrain it");
            }
            int count = data.readInt();
            Map<String, INDArray> values = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = data.readUTF();
                int rank = data.readInt();
                if (rank < 0 || rank > 8) {
                    throw damaged("parameter '" + name + "' has rank " + rank);
                }
                long[] shape = new long[rank];
                long length = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = data.readLong();
                    length *= shape[d];
                }
                if (length < 0 || length > Integer.MAX_VALUE) {
                    throw damaged("parameter '" + name + "' has shape " + Arrays.toString(shape));
                }
                if (length * Float.BYTES > Integer.MAX_VALUE) {
                    throw damaged("parameter '" + name + "' has shape " + Arrays.toString(shape));
                }
                byte[] bytes = new byte[(int) length * Float.BYTES];
                data.readFully(bytes);
                float[] f = new float[(int) length];
                ByteBuffer.wrap(bytes).asFloatBuffer().get(f);
                values.put(name, Nd4j.create(f, shape, 'c'));
            }
            if (data.read() != -1) {
                throw damaged("it has bytes after the last parameter");
            }
            return new WeightCheckpoint(values);
        } catch (EOFException e) {
            throw damaged("it ends early (truncated)");
        }
    }

    private static SchemaException damaged(String why) {
        return new SchemaException("the model's weights file is damaged: " + why,
                "the model bundle is corrupt; copy it again or retrain the model");
    }
}

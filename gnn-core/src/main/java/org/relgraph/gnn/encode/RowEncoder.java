package org.relgraph.gnn.encode;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.table.CategoricalColumn;

/**
 * A {@link TableEncoding} bound to one loaded table: encodes chosen rows into model inputs. Made by
 * {@link TableEncoding#bind}. Not thread-safe (text hashing caches per table); bind one per thread.
 */
public final class RowEncoder {
    private final FeatureLayout layout;
    private final int tableRows;
    private final NumericColumnWriter[] writers;
    private final int[] offsets;
    private final int width;
    private final int[][] tableCodes;
    private final int[][] codeMaps;
    private final int[] vocabularySizes;

    RowEncoder(FeatureLayout layout, int tableRows, List<NumericColumnWriter> writers, int[] writerWidths,
               List<int[]> tableCodes, List<int[]> codeMaps) {
        this.layout = layout;
        this.tableRows = tableRows;
        this.writers = writers.toArray(NumericColumnWriter[]::new);
        this.offsets = new int[writerWidths.length];
        int w = 0;
        for (int i = 0; i < writerWidths.length; i++) {
            offsets[i] = w;
            w += writerWidths[i];
        }
        this.width = w;
        this.tableCodes = tableCodes.toArray(int[][]::new);
        this.codeMaps = codeMaps.toArray(int[][]::new);
        this.vocabularySizes = layout.categorical().stream().mapToInt(CategoricalFeature::vocabularySize).toArray();
    }

    public FeatureLayout layout() {
        return layout;
    }

    /** Encodes rows that all share one seed time. */
    public EncodedBatch encode(int[] rows, long seedTimeMs) {
        long[] seeds = new long[rows.length];
        Arrays.fill(seeds, seedTimeMs);
        return encode(rows, seeds);
    }

    /**
     * Encodes table rows {@code rows[i]} as seen at {@code seedTimesMs[i]} (timestamp ages are relative to it).
     * Row {@code i} of every output is {@code rows[i]}.
     */
    public EncodedBatch encode(int[] rows, long[] seedTimesMs) {
        int n = rows.length;
        float[] numeric = new float[n * width];
        writeNumeric(rows, seedTimesMs, numeric, width, 0);
        INDArray matrix = FloatRows.matrix(numeric, n, width);
        return new EncodedBatch(n, matrix, categoryCodes(rows), vocabularySizes, layout);
    }

    /** How many numeric features a row has: the width {@link #writeNumeric} writes. */
    public int numericWidth() {
        return width;
    }

    /**
     * Writes the numeric features of {@code rows[i]} as seen at {@code seedTimesMs[i]} into
     * {@code out[i * stride + offset ..]}, {@link #numericWidth()} values per row, for callers that lay several
     * feature groups side by side in one row-major array.
     */
    public void writeNumeric(int[] rows, long[] seedTimesMs, float[] out, int stride, int offset) {
        if (rows.length != seedTimesMs.length) {
            throw new IllegalArgumentException("table '" + layout.table() + "': " + rows.length + " rows but "
                    + seedTimesMs.length + " seed times; pass one seed time per row");
        }
        for (int r : rows) {
            if (r < 0 || r >= tableRows) {
                throw new IndexOutOfBoundsException("table '" + layout.table() + "' has " + tableRows
                        + " rows; row " + r + " does not exist");
            }
        }
        for (int k = 0; k < writers.length; k++) {
            writers[k].write(rows, seedTimesMs, out, stride, offset + offsets[k]);
        }
    }

    /** Per categorical column, the embedding code of each of {@code rows} (see {@link EncodedBatch#categoryCodes}). */
    public int[][] categoryCodes(int[] rows) {
        int n = rows.length;
        int[][] codes = new int[tableCodes.length][n];
        for (int j = 0; j < tableCodes.length; j++) {
            int[] columnCodes = tableCodes[j];
            int[] map = codeMaps[j];
            int[] out = codes[j];
            for (int i = 0; i < n; i++) {
                int c = columnCodes[rows[i]];
                out[i] = c == CategoricalColumn.NULL_CODE ? CategoricalEncoding.NULL_CODE : map[c];
            }
        }
        return codes;
    }
}

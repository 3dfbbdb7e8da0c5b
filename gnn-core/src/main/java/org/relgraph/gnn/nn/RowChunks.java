package org.relgraph.gnn.nn;

import java.util.stream.IntStream;

/**
 * Splits row ranges into fixed-size chunks and runs them on the common fork/join pool.
 *
 * <p>Chunk boundaries depend only on the row count, never on the core count, so a reduction that
 * combines per-chunk partial results in chunk order gives the same bits on any machine.
 */
final class RowChunks {
    /** Below this many elements of work the fork/join overhead outweighs a second core. */
    private static final long PARALLEL_THRESHOLD = 1 << 15;
    private static final int TARGET_ELEMENTS_PER_CHUNK = 1 << 14;

    @FunctionalInterface
    interface Body {
        void run(int chunk, int lo, int hi);
    }

    private final int rows;
    private final int rowsPerChunk;
    private final boolean parallel;

    /** @param elementsPerRow rough work per row, used to size chunks and decide on parallelism */
    RowChunks(int rows, long elementsPerRow) {
        this.rows = rows;
        long perRow = Math.max(1, elementsPerRow);
        this.rowsPerChunk = (int) Math.max(1, Math.min(rows, TARGET_ELEMENTS_PER_CHUNK / perRow));
        this.parallel = rows * perRow >= PARALLEL_THRESHOLD;
    }

    int count() {
        return rows == 0 ? 0 : (rows + rowsPerChunk - 1) / rowsPerChunk;
    }

    void run(Body body) {
        int n = count();
        if (!parallel || n <= 1) {
            for (int c = 0; c < n; c++) {
                body.run(c, c * rowsPerChunk, Math.min(rows, (c + 1) * rowsPerChunk));
            }
            return;
        }
        IntStream.range(0, n).parallel().forEach(c -> body.run(c, c * rowsPerChunk, Math.min(rows, (c + 1) * rowsPerChunk)));
    }
}

package org.relgraph.gnn.train;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GraphBatch;

/**
 * Assembles a sequence of batches, optionally one batch ahead on a background thread so sampling and encoding of
 * batch i+1 overlap the math of batch i.
 *
 * <p>With prefetching, every assembly runs on one dedicated thread, one at a time: assemblers (not thread-safe)
 * are only ever touched by that thread, and since assembly is deterministic the batches equal a sequential run's.
 */
public final class BatchPipeline implements AutoCloseable {
    /** One chunk of seeds to assemble. */
    public record Seeds(int[] rows, long[] times) {
    }

    private final ExecutorService worker;

    public BatchPipeline(boolean prefetch) {
        this.worker = prefetch ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "relgraph-batch-prefetch");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    public Iterator<GraphBatch> batches(BatchAssembler assembler, Iterator<Seeds> seeds) {
        if (worker == null) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return seeds.hasNext();
                }

                @Override
                public GraphBatch next() {
                    Seeds s = seeds.next();
                    return assembler.assemble(s.rows(), s.times());
                }
            };
        }
        return new Iterator<>() {
            private Future<GraphBatch> pending = submitNext();

            private Future<GraphBatch> submitNext() {
                if (!seeds.hasNext()) {
                    return null;
                }
                Seeds s = seeds.next();
                return worker.submit(() -> assembler.assemble(s.rows(), s.times()));
            }

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public GraphBatch next() {
                if (pending == null) {
                    throw new NoSuchElementException();
                }
                GraphBatch batch = await(pending);
                pending = submitNext();
                return batch;
            }
        };
    }

    private static GraphBatch await(Future<GraphBatch> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("batch assembly failed", e.getCause());
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}

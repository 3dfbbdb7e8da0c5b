package org.relgraph.gnn.encode;

import java.util.Arrays;
import java.util.List;
import org.relgraph.graph.EdgeType;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.graph.TemporalCsr;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Database;
import org.relgraph.table.DoubleColumn;

/**
 * The {@link ChildActivityEncoding}s of one parent table bound to a loaded graph: writes each parent row's child
 * summaries as seen at a seed time. A child counts only when its time is at or before the seed time, the rule the
 * sampler applies to edges, so the summaries never see the future. Stateless after construction: thread-safe.
 */
public final class ChildActivityFeatures {
    private static final double DAY_MS = 86_400_000.0;
    private static final long RECENT_MS = ChildActivityEncoding.RECENT_DAYS * 86_400_000L;
    private static final long WINDOW_MS = ChildActivityEncoding.WINDOW_DAYS * 86_400_000L;

    private final Child[] children;
    private final int width;

    /**
     * One child table: its reverse edges; per breakdown column, the column's codes (the loaded array, not a copy:
     * a per-row index would cost 4 bytes a child row for every model opened, 0.4 GB for the transactions of a
     * 1M-customer bank) and each code's value index or -1; per measure, the column and its fitted scaling.
     */
    private record Child(TemporalCsr edges, int[][] codes, int[][] valueOfCode, int[] valueCounts,
                         DoubleColumn[] measures, NumericalEncoding[] scaling) {
    }

    ChildActivityFeatures(List<ChildActivityEncoding> encodings, HeteroGraph graph, Database db,
                          DatabaseEncoding encoding) {
        children = new Child[encodings.size()];
        int w = 0;
        for (int i = 0; i < children.length; i++) {
            ChildActivityEncoding e = encodings.get(i);
            String parent = db.table(e.parentTable()).name();
            String child = db.table(e.childTable()).name();
            EdgeType reverse = ChildActivityEncoding.childEdges(db, parent, child, e.foreignKey());
            if (!graph.edgeTypes().contains(reverse)) {
                throw new SchemaException("the model summarises " + child + " rows per " + parent + " row through "
                        + child + "." + e.foreignKey() + ", but that foreign key is not in the data",
                        "restore the foreign key in schema.yaml, or retrain the model on the data as it is now");
            }
            TemporalCsr edges = graph.csr(reverse);
            int[][] codes = new int[e.breakdowns().size()][];
            int[][] valueOfCode = new int[codes.length][];
            int[] valueCounts = new int[codes.length];
            for (int b = 0; b < codes.length; b++) {
                ChildActivityEncoding.Breakdown breakdown = e.breakdowns().get(b);
                CategoricalColumn column = (CategoricalColumn) db.table(child).requireColumn(breakdown.column());
                codes[b] = column.codes();
                valueOfCode[b] = valueIndex(column, breakdown.values());
                valueCounts[b] = breakdown.values().size();
            }
            DoubleColumn[] measures = new DoubleColumn[e.measures().size()];
            NumericalEncoding[] scaling = new NumericalEncoding[measures.length];
            for (int m = 0; m < measures.length; m++) {
                String column = e.measures().get(m);
                measures[m] = (DoubleColumn) db.table(child).requireColumn(column);
                scaling[m] = encoding.table(child).columns().stream()
                        .filter(c -> c instanceof NumericalEncoding && c.column().equalsIgnoreCase(column))
                        .map(NumericalEncoding.class::cast).findFirst().orElseThrow();
            }
            children[i] = new Child(edges, codes, valueOfCode, valueCounts, measures, scaling);
            w += e.width();
        }
        width = w;
    }

    /** Per code of the column's dictionary, the index of its value in {@code values}, or -1 (not summarised). */
    private static int[] valueIndex(CategoricalColumn column, List<String> values) {
        int[] ofCode = new int[column.cardinality()];
        for (int code = 0; code < ofCode.length; code++) {
            ofCode[code] = values.indexOf(column.dictionary().get(code));
        }
        return ofCode;
    }

    public int width() {
        return width;
    }

    /** Writes row {@code row}'s summaries as of {@code seedTimeMs} into {@code out[offset .. offset + width)}. */
    public void write(int row, long seedTimeMs, float[] out, int offset) {
        int k = offset;
        for (Child c : children) {
            TemporalCsr edges = c.edges();
            int start = edges.start(row);
            int end = edges.endAtOrBefore(row, seedTimeMs);
            int recent = 0;
            int window = 0;
            for (int e = end - 1; e >= start && seedTimeMs - edges.time(e) <= WINDOW_MS; e--) {
                window++;
                recent += seedTimeMs - edges.time(e) <= RECENT_MS ? 1 : 0;
            }
            out[k++] = count(end - start);
            out[k++] = count(recent);
            out[k++] = count(window);
            out[k++] = end > start ? recency(seedTimeMs - edges.time(end - 1)) : 0f;
            for (int b = 0; b < c.codes().length; b++) {
                int[] codes = c.codes()[b];
                int[] valueOfCode = c.valueOfCode()[b];
                int values = c.valueCounts()[b];
                int measures = c.measures().length;
                int[] count = new int[values];
                int[] inWindow = new int[values];
                long[] latest = new long[values];
                Arrays.fill(latest, Long.MIN_VALUE);
                float[] latestValue = new float[values * measures]; // 0 until a non-null value is seen
                for (int e = start; e < end; e++) {
                    int childRow = edges.target(e);
                    int code = codes[childRow];
                    int v = code == CategoricalColumn.NULL_CODE ? -1 : valueOfCode[code];
                    if (v >= 0) {
                        long time = edges.time(e);
                        count[v]++;
                        inWindow[v] += seedTimeMs - time <= WINDOW_MS ? 1 : 0;
                        latest[v] = time; // edges are in time order, so the last seen is the latest
                        for (int m = 0; m < measures; m++) {
                            DoubleColumn column = c.measures()[m];
                            if (!column.isNull(childRow) && Double.isFinite(column.get(childRow))) {
                                latestValue[v * measures + m] = (float) c.scaling()[m].scaled(column.get(childRow));
                            }
                        }
                    }
                }
                for (int v = 0; v < values; v++) {
                    out[k++] = count(count[v]);
                    out[k++] = count(inWindow[v]);
                    out[k++] = count[v] > 0 ? recency(seedTimeMs - latest[v]) : 0f;
                    for (int m = 0; m < measures; m++) {
                        out[k++] = latestValue[v * measures + m];
                    }
                }
            }
        }
    }

    /**
     * The feature of a count of children: {@code log1p(n)}. Public with {@link #recency} so that a job computing the
     * counts elsewhere (the Spark neighbourhoods job) writes the very floats {@link #write} writes.
     */
    public static float count(long n) {
        return (float) Log1p.of(n);
    }

    /** The feature of the latest child's age: {@code exp(-age / RECENCY_DAYS)}. */
    public static float recency(long ageMs) {
        return (float) Math.exp(-ageMs / DAY_MS / ChildActivityEncoding.RECENCY_DAYS);
    }
}

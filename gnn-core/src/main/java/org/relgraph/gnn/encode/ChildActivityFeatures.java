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
public final class ChildActivityFeatures implements ChildSummaries {
    private static final double DAY_MS = 86_400_000.0;
    private static final long RECENT_MS = ChildActivityEncoding.RECENT_DAYS * 86_400_000L;
    private static final long WINDOW_MS = ChildActivityEncoding.WINDOW_DAYS * 86_400_000L;

    private final Child[] children;
    private final int width;

    /**
     * One child table: its reverse edges; per breakdown column, the column's codes (the loaded array, not a copy:
     * a per-row index would cost 4 bytes a child row for every model opened, 0.4 GB for the transactions of a
     * 1M-customer bank) and each code's value index or -1; per measure, the column and its fitted scaling; whether
     * the measures' windowed sums and means follow.
     */
    private record Child(TemporalCsr edges, int[][] codes, int[][] valueOfCode, int[] valueCounts,
                         DoubleColumn[] measures, NumericalEncoding[] scaling, boolean windowSums) {
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
            children[i] = new Child(edges, codes, valueOfCode, valueCounts, measures, scaling, e.windowSums());
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

    @Override
    public int width() {
        return width;
    }

    /** Writes row {@code row}'s summaries as of {@code seedTimeMs} into {@code out[offset .. offset + width)}. */
    @Override
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
            if (c.windowSums()) {
                k = writeWindowSums(c, start, end, seedTimeMs, out, k);
            }
        }
    }

    /**
     * The measures' sums and means over the children in the windows ({@link ChildActivityEncoding#windowSums()}),
     * from {@code out[k]}; returns the offset after them. Reads only edges {@code [start, end)}, the children known
     * at the seed time.
     */
    private static int writeWindowSums(Child c, int start, int end, long seedTimeMs, float[] out, int k) {
        TemporalCsr edges = c.edges();
        int measures = c.measures().length;
        double[] sumRecent = new double[measures];
        double[] sumWindow = new double[measures];
        int[] inWindow = new int[measures];
        double[][] valueSum = new double[c.codes().length][];
        int[][] valueCount = new int[c.codes().length][];
        for (int b = 0; b < valueSum.length; b++) {
            valueSum[b] = new double[c.valueCounts()[b] * measures];
            valueCount[b] = new int[c.valueCounts()[b] * measures];
        }
        for (int e = end - 1; e >= start && seedTimeMs - edges.time(e) <= WINDOW_MS; e--) {
            int childRow = edges.target(e);
            boolean recent = seedTimeMs - edges.time(e) <= RECENT_MS;
            for (int m = 0; m < measures; m++) {
                DoubleColumn column = c.measures()[m];
                double x = column.get(childRow);
                if (column.isNull(childRow) || !Double.isFinite(x)) {
                    continue;
                }
                sumWindow[m] += x;
                inWindow[m]++;
                sumRecent[m] += recent ? x : 0;
                for (int b = 0; b < valueSum.length; b++) {
                    int code = c.codes()[b][childRow];
                    int v = code == CategoricalColumn.NULL_CODE ? -1 : c.valueOfCode()[b][code];
                    if (v >= 0) {
                        valueSum[b][v * measures + m] += x;
                        valueCount[b][v * measures + m]++;
                    }
                }
            }
        }
        double[] unit = new double[measures];
        for (int m = 0; m < measures; m++) {
            unit[m] = typicalMagnitude(c.scaling()[m]);
            out[k++] = signedLog1p(sumRecent[m] / unit[m]);
            out[k++] = signedLog1p(sumWindow[m] / unit[m]);
            out[k++] = mean(c.scaling()[m], sumWindow[m], inWindow[m]);
        }
        for (int b = 0; b < valueSum.length; b++) {
            for (int v = 0; v < c.valueCounts()[b]; v++) {
                for (int m = 0; m < measures; m++) {
                    out[k++] = signedLog1p(valueSum[b][v * measures + m] / unit[m]);
                    out[k++] = mean(c.scaling()[m], valueSum[b][v * measures + m], valueCount[b][v * measures + m]);
                }
            }
        }
        return k;
    }

    /**
     * A sum's unit: the column's typical magnitude in raw units (its fitted median, of the raw values when it is
     * log-transformed; at least its spread otherwise), or 1 when that is 0. Sums in these units land where the
     * counts do (log1p of tens), where raw sums of amounts (log1p of 10^5) made training diverge on Berka.
     */
    static double typicalMagnitude(NumericalEncoding scaling) {
        double m = scaling.logTransform() ? Math.expm1(scaling.median())
                : Math.max(Math.abs(scaling.median()), scaling.scale());
        return m > 0 && Double.isFinite(m) ? m : 1;
    }

    private static float signedLog1p(double x) {
        return (float) Math.copySign(Log1p.of(Math.abs(x)), x);
    }

    /** The mean of {@code n} values summing to {@code sum}, scaled as the column is; 0 when there are none. */
    private static float mean(NumericalEncoding scaling, double sum, int n) {
        return n == 0 ? 0f : (float) scaling.scaled(sum / n);
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

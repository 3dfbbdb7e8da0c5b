package org.relgraph.graph;

import java.util.BitSet;
import org.relgraph.schema.ForeignKey;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * The bytes a loaded database and its graph hold, measured from their arrays' lengths (and each distinct string's
 * length): what {@code source.MemoryEstimate} predicts before loading, part by part. Array headers and small
 * objects are left out, as there.
 *
 * @param columnBytes the columns: values, null masks, category codes and dictionaries
 * @param linkBytes   {@link Database#parentRows} of every foreign key
 * @param graphBytes  the CSRs, and node times that are not the time column's own array
 */
public record LoadedBytes(long columnBytes, long linkBytes, long graphBytes) {
    /** A String (header, hash, coder, array reference) and its byte[] header, compressed oops. */
    private static final long STRING_OVERHEAD = 24 + 16;

    public static LoadedBytes of(Database db, HeteroGraph graph) {
        long columns = 0;
        for (Table t : db.tables()) {
            for (Column c : t.columns()) {
                columns += columnBytes(c);
            }
        }
        long links = 0;
        for (ForeignKey fk : db.schema().foreignKeys()) {
            links += 4L * db.parentRows(fk).length;
        }
        long graphBytes = 0;
        for (EdgeType e : graph.edgeTypes()) {
            graphBytes += graph.csr(e).memoryBytes();
        }
        for (Table t : db.tables()) {
            long[] nodeTimes = graph.nodeTimes(t.name());
            boolean shared = t.timeColumn().map(c -> c.values() == nodeTimes).orElse(false);
            if (nodeTimes != null && !shared) {
                graphBytes += 8L * nodeTimes.length;
            }
        }
        return new LoadedBytes(columns, links, graphBytes);
    }

    public long totalBytes() {
        return columnBytes + linkBytes + graphBytes;
    }

    private static long columnBytes(Column c) {
        if (c instanceof DoubleColumn d) {
            return 8L * d.values().length + maskBytes(d.nulls());
        }
        if (c instanceof LongColumn l) {
            return 8L * l.values().length + maskBytes(l.nulls());
        }
        CategoricalColumn cc = (CategoricalColumn) c;
        long bytes = 4L * cc.codes().length;
        for (String s : cc.dictionary()) {
            boolean latin1 = s.chars().allMatch(ch -> ch < 256);
            long content = latin1 ? s.length() : 2L * s.length();
            bytes += 4 + STRING_OVERHEAD + (content + 7) / 8 * 8;
        }
        return bytes;
    }

    /** A BitSet's words: {@link BitSet#size()} bits. */
    private static long maskBytes(BitSet nulls) {
        return nulls.size() / 8;
    }
}

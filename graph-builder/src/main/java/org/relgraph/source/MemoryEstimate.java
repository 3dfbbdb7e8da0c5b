package org.relgraph.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.KeyIndex;

/**
 * The Java heap a loaded {@link org.relgraph.table.Database} and its {@link org.relgraph.graph.HeteroGraph} take,
 * from a schema and row counts, before anything is loaded. Every constant is the size of an array element of the
 * class that holds it (docs/MEMORY.md derives them); array headers and per-table objects (a few KB) are left out.
 *
 * <p>Assumptions, since the rows are not read: every id column holds integers (a string id costs 4 bytes a row plus
 * a dictionary entry per distinct value, like text); every foreign key has a parent (a null or dangling key has no
 * edge); a categorical column's dictionary is small; every text value is distinct, of {@link #TEXT_CHARS} Latin-1
 * characters; a numeric column's null mask is charged in full (a column without nulls keeps one word).
 *
 * @param columnBytes    the tables' columns ({@code DoubleColumn}, {@code LongColumn}, {@code CategoricalColumn}),
 *                       with inherited time columns ({@code time_from})
 * @param linkBytes      {@code Database.parentRows}: a parent row number per foreign-key value
 * @param graphBytes     the graph's {@code TemporalCsr}s: the reverse edges of each foreign key (the forward edges
 *                       of a key whose every value has its parent share the links and the time column, and node
 *                       times share the time columns)
 * @param peakBytes      the most the heap holds at once while validating, linking and building the graph: the
 *                       columns plus a primary key's {@code KeyIndex} (validation checks one key at a time), or plus
 *                       the links and every referenced table's {@code KeyIndex} (linking), or plus the links, the
 *                       time orders of the graph build and either their sorts' scratch or the graph
 * @param rows           rows over all tables
 * @param foreignKeys    foreign-key values over all tables (each is one edge each way)
 */
public record MemoryEstimate(long columnBytes, long linkBytes, long graphBytes, long peakBytes, long rows,
                             long foreignKeys) {
    /** {@code DoubleColumn}: a double per row, NUMERICAL and BOOLEAN. */
    public static final double DOUBLE_ROW_BYTES = 8;
    /** {@code LongColumn}: a long per row, TIMESTAMP (epoch ms) and integer ID. */
    public static final double LONG_ROW_BYTES = 8;
    /** The null mask of a double or long column ({@code BitSet}): a bit per row at most. */
    public static final double NULL_MASK_ROW_BYTES = 1.0 / 8;
    /** {@code CategoricalColumn}: an int code per row, CATEGORICAL, TEXT and string ID. */
    public static final double CODE_ROW_BYTES = 4;
    /** Assumed characters of a text value. */
    public static final int TEXT_CHARS = 16;
    /**
     * A distinct text value in a column's dictionary: the String (24), its byte[] (16 + characters, to 8), the
     * dictionary's reference (4, compressed oops).
     */
    public static final double TEXT_VALUE_BYTES = 24 + 16 + ((TEXT_CHARS + 7) / 8 * 8) + 4;
    /** {@code Database.parentRows}: an int per foreign-key value. */
    public static final double LINK_BYTES = 4;
    /** {@code TemporalCsr} offsets: an int per source node plus one. */
    public static final double OFFSET_BYTES = 4;
    /** {@code TemporalCsr} targets: an int per edge. */
    public static final double TARGET_BYTES = 4;
    /** {@code TemporalCsr} times: a long per edge, when the row holding the key has a time (else none). */
    public static final double EDGE_TIME_BYTES = 8;
    /** A {@code KeyIndex} slot: a long key and an int row. */
    public static final double KEY_SLOT_BYTES = 12;
    /** {@code TimeSort.order} of a timed child table, kept through the graph build: an int per row. */
    public static final double TIME_ORDER_BYTES = 4;
    /**
     * The radix sort's scratch while ordering one table (none if the rows are in time order already): another order
     * and two long key arrays per row.
     */
    public static final double TIME_SORT_SCRATCH_BYTES = 4 + 8 + 8;

    /** The estimate for the tables of {@code schema}, with {@code counts}' rows (a table not counted has none). */
    public static MemoryEstimate of(Schema schema, RowCounts counts) {
        double columns = 0;
        double keyCheck = 0;
        double linking = 0;
        double orders = 0;
        List<Double> sortScratch = new ArrayList<>();
        long rows = 0;
        for (TableSchema t : schema.tables()) {
            long n = counts.rows(t.name());
            rows += n;
            for (ColumnSchema c : t.columns()) {
                columns += n * columnRowBytes(c);
            }
            if (t.timeColumn() == null && t.timeFrom() != null) {
                columns += n * (LONG_ROW_BYTES + NULL_MASK_ROW_BYTES);
            }
            if (t.primaryKey() != null) {
                keyCheck = Math.max(keyCheck, keyIndexBytes(n));
            }
            if (isTimed(t) && schema.foreignKeys().stream().anyMatch(fk -> fk.table().equalsIgnoreCase(t.name()))) {
                orders += n * TIME_ORDER_BYTES;
                sortScratch.add(n * TIME_SORT_SCRATCH_BYTES);
            }
        }
        double links = 0;
        double graph = 0;
        long keys = 0;
        Set<String> referenced = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (ForeignKey fk : schema.foreignKeys()) {
            long children = counts.rows(fk.table());
            long parents = counts.rows(fk.referencedTable());
            keys += children;
            links += children * LINK_BYTES;
            double edgeBytes = TARGET_BYTES + (isTimed(schema.requireTable(fk.table())) ? EDGE_TIME_BYTES : 0);
            // forward edges of a key with every parent present share the links and the time column: nothing more
            graph += OFFSET_BYTES * (parents + 1) + children * edgeBytes;
            if (referenced.add(fk.referencedTable())) {
                linking += keyIndexBytes(parents);
            }
        }
        // the graph build first orders its timed child tables by time, in parallel: at worst the largest ones at once,
        // one per thread; then it builds the CSRs while the orders are still held
        double sorting = sortScratch.stream().sorted(Comparator.reverseOrder())
                .limit(ForkJoinPool.getCommonPoolParallelism() + 1L).mapToDouble(Double::doubleValue).sum();
        double peak = Math.max(columns + keyCheck, Math.max(columns + links + linking,
                columns + links + orders + Math.max(sorting, graph)));
        return new MemoryEstimate(Math.round(columns), Math.round(links), Math.round(graph), Math.round(peak), rows,
                keys);
    }

    /** What stays in memory once the data is loaded and its graph built. */
    public long retainedBytes() {
        return columnBytes + linkBytes + graphBytes;
    }

    private static double columnRowBytes(ColumnSchema c) {
        return switch (c.type()) {
            case NUMERICAL, BOOLEAN -> DOUBLE_ROW_BYTES + NULL_MASK_ROW_BYTES;
            case TIMESTAMP, ID -> LONG_ROW_BYTES + NULL_MASK_ROW_BYTES;
            case CATEGORICAL -> CODE_ROW_BYTES;
            case TEXT -> CODE_ROW_BYTES + TEXT_VALUE_BYTES;
        };
    }

    private static boolean isTimed(TableSchema t) {
        return t.timeColumn() != null || t.timeFrom() != null;
    }

    static double keyIndexBytes(long keys) {
        long slots = keys <= 1 << 29 ? KeyIndex.slotsFor((int) keys) : 4 * keys;
        return slots * KEY_SLOT_BYTES;
    }
}

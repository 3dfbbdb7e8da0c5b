package org.relgraph.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import org.relgraph.schema.ForeignKey;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

/**
 * The Java heap a masked copy of a loaded database ({@link Database#withEmptyTable}, {@link Database#withNullColumn})
 * and its graph, built sharing the original's ({@code HeteroGraph.build(masked, original)}), add beside the original,
 * at the most they hold at once: what the leakage audit needs free to reopen a model on the copy. Only what the mask
 * touches is new. The masked column (an emptied table's columns hold no rows); the links of a foreign key whose key or
 * referenced primary key is masked, with the key index of its parent while linking; the two CSRs of a foreign key
 * whose links, child time column or parent time column is masked, with the time order (and its sort's scratch) of
 * a child whose reverse edges are built again; the node times of a masked time column. A nulled value column adds
 * only itself: every link and edge is shared. The sizes are {@link MemoryEstimate}'s, on the loaded row counts.
 *
 * @param columnBytes the masked column's arrays (an emptied table's: none)
 * @param linkBytes   the links built again (a masked key links nothing: a parent row number of -1 per row)
 * @param graphBytes  the CSRs built again, and node times that are not the masked time column's own array
 * @param peakBytes   the most held at once: the column and links, then the key indexes while linking, or the time
 *                    orders and the larger of their sorts' scratch and the graph while building it
 */
public record MaskedCopyEstimate(long columnBytes, long linkBytes, long graphBytes, long peakBytes) {
    /** The copy of {@code db} with {@code table}'s rows gone. */
    public static MaskedCopyEstimate emptyTable(Database db, String table) {
        Table t = db.table(table);
        return of(db, t.name(), t.columns().stream().map(Column::name).toList(), true, 0);
    }

    /** The copy of {@code db} with {@code column} of {@code table} all null. */
    public static MaskedCopyEstimate nullColumn(Database db, String table, String column) {
        Table t = db.table(table);
        Column c = t.requireColumn(column);
        long n = t.rowCount();
        double bytes = c instanceof CategoricalColumn ? n * MemoryEstimate.CODE_ROW_BYTES
                : n * (MemoryEstimate.DOUBLE_ROW_BYTES + MemoryEstimate.NULL_MASK_ROW_BYTES);
        return of(db, t.name(), List.of(c.name()), false, Math.round(bytes));
    }

    /**
     * @param table   the masked table
     * @param masked  its masked columns: every column of an emptied table, the one nulled column
     * @param emptied  whether its rows are gone (else they stay, with the masked columns all null)
     * @param columns bytes of the masked columns' new arrays
     */
    private static MaskedCopyEstimate of(Database db, String table, List<String> masked, boolean emptied,
                                         long columns) {
        double links = 0;
        double graph = 0;
        double orders = 0;
        Set<String> indexed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Set<String> ordered = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        double keyIndexes = 0;
        List<Double> sortScratch = new ArrayList<>();
        Table maskedTable = db.table(table);
        String timeColumn = maskedTable.schema().timeColumnOpt().orElse(null);
        boolean timeMasked = timeColumn != null && contains(masked, timeColumn);
        if (timeMasked && !emptied) {
            graph += maskedTable.rowCount() * MemoryEstimate.LONG_ROW_BYTES; // node times: the nulls made visible never
        }
        for (ForeignKey fk : db.schema().foreignKeys()) {
            Table child = db.table(fk.table());
            Table parent = db.table(fk.referencedTable());
            boolean childMasked = child == maskedTable;
            boolean parentMasked = parent == maskedTable;
            String pk = parent.schema().primaryKeyOpt().orElseThrow();
            boolean relinked = childMasked && contains(masked, fk.column()) || parentMasked && contains(masked, pk);
            boolean childTimed = child.timeColumn().isPresent();
            boolean childTimeMasked = childMasked && timeMasked;
            boolean parentTimeMasked = parentMasked && timeMasked;
            long children = childMasked && emptied ? 0 : child.rowCount();
            long parents = parentMasked && emptied ? 0 : parent.rowCount();
            // a masked key is empty or all null: it links nothing
            long edges = relinked ? 0 : linked(db.parentRows(fk));
            if (relinked) {
                links += children * MemoryEstimate.LINK_BYTES;
                if (children > 0 && indexed.add(parent.name())) {
                    keyIndexes += MemoryEstimate.keyIndexBytes(parents);
                }
            }
            double edgeBytes = MemoryEstimate.TARGET_BYTES + (childTimed ? MemoryEstimate.EDGE_TIME_BYTES : 0);
            if ((relinked || childTimeMasked || parentTimeMasked) && edges < children) {
                // forward edges of a key with every parent present share the links and the time column: nothing
                graph += MemoryEstimate.OFFSET_BYTES * (children + 1) + edges * edgeBytes;
            }
            if (relinked || childTimeMasked) {
                graph += MemoryEstimate.OFFSET_BYTES * (parents + 1) + edges * edgeBytes;
                if (childTimed && edges > 0 && ordered.add(child.name())) {
                    orders += children * MemoryEstimate.TIME_ORDER_BYTES;
                    sortScratch.add(children * MemoryEstimate.TIME_SORT_SCRATCH_BYTES);
                }
            }
        }
        double sorting = sortScratch.stream().sorted(Comparator.reverseOrder())
                .limit(ForkJoinPool.getCommonPoolParallelism() + 1L).mapToDouble(Double::doubleValue).sum();
        double peak = columns + links + Math.max(keyIndexes, orders + Math.max(sorting, graph));
        return new MaskedCopyEstimate(columns, Math.round(links), Math.round(graph), Math.round(peak));
    }

    private static boolean contains(List<String> names, String name) {
        return names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)));
    }

    private static long linked(int[] parentRows) {
        long n = 0;
        for (int p : parentRows) {
            n += p >= 0 ? 1 : 0;
        }
        return n;
    }

    /** What stays in memory while the copy and its graph are held. */
    public long retainedBytes() {
        return columnBytes + linkBytes + graphBytes;
    }
}

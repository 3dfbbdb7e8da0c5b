package org.relgraph.gnn.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relgraph.gnn.encode.ChildSummaries;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.RowEncoder;
import org.relgraph.graph.EdgeType;
import org.relgraph.sampling.SampledEdges;
import org.relgraph.sampling.SampledNodes;
import org.relgraph.sampling.SampledSubgraph;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Table;

/**
 * {@link GraphBatch}es from materialised neighbourhoods instead of an in-memory graph: given each seed's sampled
 * rows (as the Spark {@code neighbourhoods} job stores them, a row per (hop, row, relation, parent row) with its
 * copies) and the values of only those rows, rebuilds the subgraph {@link org.relgraph.sampling.TemporalNeighborSampler}
 * returns (the same tree of nodes, in its breadth-first order) and encodes it with the same {@link SubgraphEncoder}
 * {@link BatchAssembler} uses. So a job that holds a partition of neighbourhoods and the rows they name (a Spark
 * executor, for scoring or training) gives the model the inputs the single machine would.
 *
 * <p>Not thread-safe (the row encoders reuse buffers): one instance per task.
 */
public final class MaterialisedBatches {
    private final List<String> nodeTypes;
    private final List<EdgeType> edgeTypes;
    private final Map<String, Integer> typeIndex = new HashMap<>();
    private final boolean[] timed;
    private final int hops;
    private final String seedType;
    private final SubgraphEncoder encoder;

    private MaterialisedBatches(List<String> nodeTypes, List<EdgeType> edgeTypes, boolean[] timed, int hops,
                                String seedType, SubgraphEncoder encoder) {
        this.nodeTypes = nodeTypes;
        this.edgeTypes = edgeTypes;
        for (int t = 0; t < nodeTypes.size(); t++) {
            typeIndex.put(key(nodeTypes.get(t)), t);
        }
        this.timed = timed;
        this.hops = hops;
        this.seedType = nodeTypes.get(type(seedType));
        this.encoder = encoder;
    }

    /**
     * @param schema    the data's schema (with inherited time columns resolved, as the loader leaves it)
     * @param rows      per table of {@code schema}, a table of the rows the neighbourhoods name (numbered as the
     *                  nodes' rows), with the encoding's columns
     * @param summaries per table with child summaries in {@code encoding}, the summaries of those rows
     * @param hops      the sampler's hops (the model's fanouts)
     * @throws SchemaException when a fitted column is missing from {@code rows} or summaries the encoding has are
     *                         not given
     */
    public static MaterialisedBatches bind(Schema schema, DatabaseEncoding encoding, Map<String, Table> rows,
                                           Map<String, ChildSummaries> summaries, String seedType, int hops) {
        List<String> types = nodeTypes(schema);
        Map<String, RowEncoder> encoders = new LinkedHashMap<>();
        Map<String, ChildSummaries> childActivity = new LinkedHashMap<>();
        boolean[] timed = new boolean[types.size()];
        for (int t = 0; t < types.size(); t++) {
            String type = types.get(t);
            Table table = rows.get(type);
            if (table == null) {
                throw new IllegalArgumentException("no rows given for table " + type);
            }
            encoders.put(type, encoding.table(type).bind(table));
            timed[t] = table.timeColumn().isPresent();
            int width = encoding.childActivityWidth(type);
            if (width > 0) {
                ChildSummaries s = summaries.get(type);
                if (s == null) {
                    throw new SchemaException("the model summarises the children of " + type + " rows, and no "
                            + "summaries of them were given", "materialise the neighbourhoods with the model's child "
                            + "summaries");
                }
                if (s.width() != width) {
                    throw new SchemaException("the child summaries of " + type + " have " + s.width() + " values a "
                            + "row, and the model reads " + width, "materialise the summaries with this model");
                }
                childActivity.put(type, s);
            }
        }
        String seed = types.get(types.stream().map(MaterialisedBatches::key).toList().indexOf(key(seedType)));
        return new MaterialisedBatches(types, edgeTypes(schema), timed, hops, seed,
                new SubgraphEncoder(seed, encoders, childActivity, null, null));
    }

    /** The graph's node types for {@code schema}: its tables, in order (as {@code HeteroGraph.build} names them). */
    public static List<String> nodeTypes(Schema schema) {
        return schema.tables().stream().map(t -> t.name()).toList();
    }

    /**
     * The graph's edge types for {@code schema}, in {@code HeteroGraph.edgeTypes()} order: per foreign key, the
     * forward type (child to parent) then the reverse one.
     */
    public static List<EdgeType> edgeTypes(Schema schema) {
        List<EdgeType> out = new ArrayList<>();
        for (ForeignKey fk : schema.foreignKeys()) {
            String child = schema.requireTable(fk.table()).name();
            String parent = schema.requireTable(fk.referencedTable()).name();
            out.add(new EdgeType(child, fk.column(), parent));
            out.add(new EdgeType(parent, EdgeType.REVERSE_PREFIX + fk.column(), child));
        }
        return out;
    }

    /** The encoded batch of {@code seeds}: the seeds are its first nodes of the entity type, in order. */
    public SampledBatch assemble(List<MaterialisedSeed> seeds) {
        long[] times = new long[seeds.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = seeds.get(i).sampleTime();
        }
        return encoder.encode(subgraph(seeds), times);
    }

    /**
     * The sampler's subgraph of {@code seeds}: hop by hop, every node of the previous hop (by type, then in order)
     * expanded over each edge type leaving its table (in the graph's order) to its stored children, oldest first,
     * as {@code TemporalNeighborSampler} emits them.
     *
     * @throws IllegalArgumentException when the stored rows are not one sampler tree (a child without its parent
     *                                  row at the hop before, copies that do not match the parent's)
     */
    public SampledSubgraph subgraph(List<MaterialisedSeed> seeds) {
        int types = nodeTypes.size();
        Nodes[] nodes = new Nodes[types];
        for (int t = 0; t < types; t++) {
            nodes[t] = new Nodes();
        }
        int edges = edgeTypes.size();
        Edges[] built = new Edges[edges];
        for (int e = 0; e < edges; e++) {
            built[e] = new Edges();
        }
        // per seed: (hop, parent type, parent row, relation, child type) -> its children, oldest first
        List<Map<ChildKey, List<MaterialisedNode>>> children = new ArrayList<>();
        int seedType = type(this.seedType);
        for (int s = 0; s < seeds.size(); s++) {
            MaterialisedSeed seed = seeds.get(s);
            Map<ChildKey, List<MaterialisedNode>> mine = new HashMap<>();
            MaterialisedNode self = null;
            for (MaterialisedNode n : seed.nodes()) {
                if (n.hop() == 0) {
                    self = n;
                } else if (n.hop() <= hops) {
                    mine.computeIfAbsent(new ChildKey(n.hop(), type(n.parentTable()), n.parentRow(), n.edge(),
                                    type(n.table())),
                            k -> new ArrayList<>()).add(n);
                }
            }
            for (List<MaterialisedNode> list : mine.values()) {
                list.sort(Comparator.comparingLong((MaterialisedNode n) -> n.time() == null ? 0 : n.time())
                        .thenComparingInt(MaterialisedNode::row));
            }
            children.add(mine);
            if (self == null || type(self.table()) != seedType || self.row() != seed.row()) {
                throw new IllegalArgumentException("seed " + s + " (row " + seed.row() + ") has no hop-0 row of "
                        + this.seedType + " in its neighbourhood");
            }
            nodes[seedType].add(seed.row(), relative(seedType, seed.sampleTime(), self.time()), s, 0);
        }
        for (Nodes n : nodes) {
            n.endHop(0);
        }
        for (int hop = 1; hop <= hops; hop++) {
            int[] frontierEnd = new int[types];
            int[] frontierStart = new int[types];
            for (int t = 0; t < types; t++) {
                frontierEnd[t] = nodes[t].size();
                frontierStart[t] = hop == 1 ? 0 : nodes[t].hopEnds.get(hop - 2);
            }
            Map<NodeKey, Integer> parentCopies = new HashMap<>();
            for (int t = 0; t < types; t++) {
                for (int u = frontierStart[t]; u < frontierEnd[t]; u++) {
                    parentCopies.merge(new NodeKey(nodes[t].seed.get(u), t, nodes[t].row.get(u)), 1, Integer::sum);
                }
            }
            for (int t = 0; t < types; t++) {
                for (int u = frontierStart[t]; u < frontierEnd[t]; u++) {
                    int s = nodes[t].seed.get(u);
                    int row = nodes[t].row.get(u);
                    long sampleTime = seeds.get(s).sampleTime();
                    for (int e = 0; e < edges; e++) {
                        EdgeType walked = edgeTypes.get(e);
                        if (type(walked.srcTable()) != t) {
                            continue;
                        }
                        List<MaterialisedNode> list = children.get(s)
                                .get(new ChildKey(hop, t, row, walked.relation(), type(walked.dstTable())));
                        if (list == null) {
                            continue;
                        }
                        int childType = type(walked.dstTable());
                        int message = e ^ 1; // the pair's other type: messages flow back from child to parent
                        int expected = parentCopies.get(new NodeKey(s, t, row));
                        for (MaterialisedNode c : list) {
                            if (c.copies() != expected) {
                                throw new IllegalArgumentException("seed " + s + ", hop " + hop + ": row " + c.row()
                                        + " of " + c.table() + " stands for " + c.copies() + " nodes, but its parent "
                                        + nodeTypes.get(t) + " row " + row + " is " + expected + " nodes at hop "
                                        + (hop - 1));
                            }
                            int local = nodes[childType].add(c.row(), relative(childType, sampleTime, c.time()), s,
                                    hop);
                            built[message].add(local, u);
                        }
                    }
                }
            }
            for (Nodes n : nodes) {
                n.endHop(hop);
            }
            for (Edges e : built) {
                e.endHop();
            }
        }
        requireAllUsed(seeds, nodes);
        Map<String, SampledNodes> outNodes = new LinkedHashMap<>();
        for (int t = 0; t < types; t++) {
            outNodes.put(nodeTypes.get(t), nodes[t].build(timed[t]));
        }
        Map<EdgeType, SampledEdges> outEdges = new LinkedHashMap<>();
        for (int e = 0; e < edges; e++) {
            outEdges.put(edgeTypes.get(e), built[e].build());
        }
        return new SampledSubgraph(this.seedType, seeds.size(), outNodes, outEdges);
    }

    /** Every stored row must have been reached: otherwise its parent was missing and the inputs would shrink. */
    private void requireAllUsed(List<MaterialisedSeed> seeds, Nodes[] nodes) {
        long stored = 0;
        for (MaterialisedSeed seed : seeds) {
            for (MaterialisedNode n : seed.nodes()) {
                if (n.hop() <= hops) {
                    stored += n.copies();
                }
            }
        }
        long reached = 0;
        for (Nodes n : nodes) {
            reached += n.size();
        }
        if (stored != reached) {
            throw new IllegalArgumentException("the neighbourhoods store " + stored + " sampled nodes within " + hops
                    + " hops, of which " + reached + " hang from their seeds: some rows' parents are missing");
        }
    }

    private long relative(int type, long sampleTime, Long time) {
        return timed[type] && time != null ? sampleTime - time : 0;
    }

    private int type(String table) {
        Integer t = typeIndex.get(key(table));
        if (t == null) {
            throw new SchemaException("the neighbourhoods name table '" + table + "', which the model's data does "
                    + "not have", "materialise the neighbourhoods from the data the model was trained on");
        }
        return t;
    }

    private static String key(String table) {
        return table.toLowerCase(Locale.ROOT);
    }

    /** A relation's name alone is not enough: every child table's key to customers may be rev_customer_id. */
    private record ChildKey(int hop, int parentType, int parentRow, String relation, int childType) {
    }

    private record NodeKey(int seed, int type, int row) {
    }

    /** Growable node columns of one type. */
    private final class Nodes {
        final IntList row = new IntList();
        final LongList relative = new LongList();
        final IntList seed = new IntList();
        final IntList hop = new IntList();
        final IntList hopEnds = new IntList();

        int add(int r, long rel, int s, int h) {
            row.add(r);
            relative.add(rel);
            seed.add(s);
            hop.add(h);
            return row.size - 1;
        }

        int size() {
            return row.size;
        }

        void endHop(int h) {
            hopEnds.add(row.size);
        }

        SampledNodes build(boolean isTimed) {
            return new SampledNodes(row.toArray(), relative.toArray(), seed.toArray(), hop.toArray(), isTimed,
                    hopEnds.toArray());
        }
    }

    /** Growable edge columns of one message type; dstHopEnds[d] once hop d's expansions are done. */
    private static final class Edges {
        final IntList src = new IntList();
        final IntList dst = new IntList();
        final IntList hopEnds = new IntList();

        void add(int s, int d) {
            src.add(s);
            dst.add(d);
        }

        void endHop() {
            hopEnds.add(src.size);
        }

        SampledEdges build() {
            return new SampledEdges(src.toArray(), dst.toArray(), hopEnds.toArray());
        }
    }

    private static final class IntList {
        int[] values = new int[16];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int get(int i) {
            return values[i];
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    private static final class LongList {
        long[] values = new long[16];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}

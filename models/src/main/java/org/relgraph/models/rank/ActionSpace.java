package org.relgraph.models.rank;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.Target;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingTable;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

/**
 * The actions an ARGMAX query ranks. A row of the target table records one action taken with an entity (e.g. an
 * offer shown on a channel); "the action" is the tuple of that table's categorical columns other than those the
 * condition reads (the outcome is not part of the action) — keys, times and numbers are never categorical, so they
 * are out too. For the bank that is (channel, offer_shown). The candidates are the distinct tuples of the training
 * examples' rows, so nothing after the training cut-off defines what can be recommended.
 *
 * @param table   the target table
 * @param columns the action's component columns, in schema order
 * @param actions the candidate tuples, sorted, values as text so they survive a reload of differently coded data
 */
public record ActionSpace(String table, List<String> columns, List<List<String>> actions) {
    public ActionSpace {
        columns = List.copyOf(columns);
        actions = actions.stream().map(List::copyOf).toList();
        if (columns.isEmpty() || actions.isEmpty()) {
            throw new IllegalArgumentException("an action space needs columns and actions");
        }
    }

    /**
     * @param train the training split: only its target rows define candidates
     * @throws SchemaException when the target table has no categorical column left to describe an action
     */
    public static ActionSpace forArgMax(PredictiveQuery query, Database db, TrainingTable train) {
        if (!(query.target() instanceof Target.ArgMax argMax)) {
            throw new IllegalArgumentException("not an ARGMAX query: " + query.taskType());
        }
        Table target = db.table(query.targetTable());
        List<String> columns = argMax.actionColumns(target.schema());
        if (columns.isEmpty()) {
            throw new SchemaException("table " + target.name() + " has no categorical column besides those "
                    + "the condition reads to describe the action an ARGMAX ranks",
                    "mark the column naming the action (e.g. offer, channel) as categorical in schema.yaml");
        }
        Set<List<String>> seen = new LinkedHashSet<>();
        List<Column> cols = columns.stream().map(target::requireColumn).toList();
        for (int i = 0; i < train.size(); i++) {
            List<String> tuple = tuple(cols, train.targetRow(i));
            if (tuple != null) {
                seen.add(tuple);
            }
        }
        if (seen.isEmpty()) {
            throw new SchemaException("the training examples record no action in " + columns,
                    "check that the ARGMAX window contains rows of " + target.name() + " with those columns set");
        }
        List<List<String>> sorted = new ArrayList<>(seen);
        sorted.sort((a, b) -> {
            for (int c = 0; c < a.size(); c++) {
                int cmp = a.get(c).compareTo(b.get(c));
                if (cmp != 0) {
                    return cmp;
                }
            }
            return 0;
        });
        return new ActionSpace(target.name(), columns, sorted);
    }

    /** The most candidates {@link #forListDistinct} keeps: the most often referenced parent rows. */
    public static final int MAX_LIST_CANDIDATES = 1_000;

    /**
     * The candidates of a LIST_DISTINCT query: the parent rows the training labels reference, most often referenced
     * first (ties by key), at most {@code cap}; each is one action of one component, the foreign-key column, valued
     * by the referenced row's key as text (so {@link #lookup} maps a target row to the parent row it references).
     *
     * @param train the training split: only its labels define candidates
     * @param referenced receives how many distinct parent rows the labels reference, before the cap (may be null)
     */
    public static ActionSpace forListDistinct(PredictiveQuery query, Database db, TrainingTable train, int cap,
                                              int[] referenced) {
        if (!(query.target() instanceof Target.ListDistinct list)) {
            throw new IllegalArgumentException("not a LIST_DISTINCT query: " + query.taskType());
        }
        Table target = db.table(query.targetTable());
        String column = target.requireColumn(list.foreignKey().column()).name();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            for (String key : train.labelListKeys(i)) {
                counts.merge(key, 1, Integer::sum);
            }
        }
        if (counts.isEmpty()) {
            throw new SchemaException("the training labels reference no row through " + target.name() + "."
                    + column, "check that the LIST_DISTINCT window contains rows of " + target.name());
        }
        if (referenced != null) {
            referenced[0] = counts.size();
        }
        List<List<String>> top = counts.entrySet().stream()
                .sorted((a, b) -> !a.getValue().equals(b.getValue()) ? Integer.compare(b.getValue(), a.getValue())
                        : a.getKey().compareTo(b.getKey()))
                .limit(cap).map(e -> List.of(e.getKey())).toList();
        return new ActionSpace(target.name(), List.of(column), top);
    }

    /** ARGMAX only; LIST_DISTINCT ranks parent rows, whose space {@link #forListDistinct} builds. */
    public static boolean applies(PredictiveQuery query) {
        return query.taskType() == TaskType.RANKING && query.target() instanceof Target.ArgMax;
    }

    private static List<String> tuple(List<Column> cols, int row) {
        List<String> t = new ArrayList<>(cols.size());
        for (Column c : cols) {
            if (c.isNull(row)) {
                return null;
            }
            t.add(c.format(row));
        }
        return t;
    }

    public int size() {
        return actions.size();
    }

    /** An index of every action, for looking up many rows of one table. */
    public Lookup lookup(Table target) {
        return new Lookup(this, columns.stream().map(target::requireColumn).toList());
    }

    /** Per component, the number of distinct values among the actions. */
    public int[] vocabulary() {
        int[] v = new int[columns.size()];
        for (int c = 0; c < v.length; c++) {
            int col = c;
            v[c] = (int) actions.stream().map(a -> a.get(col)).distinct().count();
        }
        return v;
    }

    /** Per action, each component's value as an index into that component's sorted distinct values. */
    public int[][] codes() {
        int[][] out = new int[actions.size()][columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            int col = c;
            List<String> values = actions.stream().map(a -> a.get(col)).distinct().sorted().toList();
            for (int a = 0; a < actions.size(); a++) {
                out[a][c] = values.indexOf(actions.get(a).get(c));
            }
        }
        return out;
    }

    /** "Savings via email"-style text for logs: the values joined by " / ". */
    public String describe(int action) {
        return String.join(" / ", actions.get(action));
    }

    /** The component whose column names a channel (contains "channel"), or -1. */
    public int channelComponent() {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).toLowerCase(Locale.ROOT).contains("channel")) {
                return c;
            }
        }
        return -1;
    }

    /** Maps rows of the target table to action indices. */
    public static final class Lookup {
        private final List<Column> cols;
        private final Map<List<String>, Integer> index = new HashMap<>();

        private Lookup(ActionSpace space, List<Column> cols) {
            this.cols = cols;
            for (int a = 0; a < space.actions.size(); a++) {
                index.put(space.actions.get(a), a);
            }
        }

        /** The action row {@code row} records, or -1 when it is not a candidate (new since training, or null). */
        public int actionOf(int row) {
            List<String> t = tuple(cols, row);
            return t == null ? -1 : index.getOrDefault(t, -1);
        }
    }
}

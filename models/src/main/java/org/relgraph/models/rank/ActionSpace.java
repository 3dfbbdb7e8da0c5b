package org.relgraph.models.rank;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.relgraph.query.ColumnRef;
import org.relgraph.query.Conditions;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.Target;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

/**
 * What "an action" is for an ARGMAX (next-best-action) query, defined once so every ranking model agrees: the
 * values of the target table's categorical columns other than those the condition reads (and other than keys and
 * the time column). For {@code ARGMAX(INTERACTION_HISTORY.OUTCOME = 'Accepted')} on the bank, an action is
 * {@code offer_shown × channel}, e.g. {@code Mortgage | Branch}.
 *
 * <p>The action set is every combination that occurs in the target table, ordered by label so action ids are the
 * same on every run. Evaluation ranks all actions per (entity, anchor) and judges the ranking against the actions
 * of the entity's candidate rows whose condition held (MAP@k etc., see {@link RankingGroups}).
 */
public final class ActionSpace {
    private final String table;
    private final List<String> columns;
    private final List<String> labels;
    private final int[] actionOfRow;

    private ActionSpace(String table, List<String> columns, List<String> labels, int[] actionOfRow) {
        this.table = table;
        this.columns = List.copyOf(columns);
        this.labels = List.copyOf(labels);
        this.actionOfRow = actionOfRow;
    }

    /**
     * @throws SchemaException when the query is not ARGMAX or its target table has no categorical column left to
     *                         describe an action
     */
    public static ActionSpace of(Database db, PredictiveQuery query) {
        if (!(query.target() instanceof Target.ArgMax argMax)) {
            throw new SchemaException("an action space needs an ARGMAX query, got " + query.taskType(),
                    "write PREDICT ARGMAX(TABLE.COLUMN = 'value') FOR EACH ...");
        }
        Table target = db.table(query.targetTable());
        TableSchema schema = target.schema();
        Set<String> excluded = new java.util.HashSet<>();
        for (ColumnRef ref : Conditions.columns(argMax.condition())) {
            excluded.add(ref.column().toLowerCase(Locale.ROOT));
        }
        schema.primaryKeyOpt().ifPresent(k -> excluded.add(k.toLowerCase(Locale.ROOT)));
        schema.timeColumnOpt().ifPresent(t -> excluded.add(t.toLowerCase(Locale.ROOT)));
        schema.foreignKeys().forEach(fk -> excluded.add(fk.column().toLowerCase(Locale.ROOT)));
        List<CategoricalColumn> actionColumns = new ArrayList<>();
        for (Column c : target.columns()) {
            if (c instanceof CategoricalColumn cat && cat.type() == SemanticType.CATEGORICAL
                    && !excluded.contains(c.name().toLowerCase(Locale.ROOT))) {
                actionColumns.add(cat);
            }
        }
        if (actionColumns.isEmpty()) {
            throw new SchemaException("table " + target.name() + " has no categorical column besides the ARGMAX "
                    + "condition's, so there is no action to rank",
                    "mark the columns that describe an action (e.g. offer, channel) as categorical in schema.yaml");
        }
        int rows = target.rowCount();
        String[] rowLabels = new String[rows];
        TreeSet<String> distinct = new TreeSet<>();
        for (int r = 0; r < rows; r++) {
            rowLabels[r] = label(actionColumns, r);
            if (rowLabels[r] != null) {
                distinct.add(rowLabels[r]);
            }
        }
        List<String> labels = new ArrayList<>(distinct);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            ids.put(labels.get(i), i);
        }
        int[] actionOfRow = new int[rows];
        for (int r = 0; r < rows; r++) {
            actionOfRow[r] = rowLabels[r] == null ? -1 : ids.get(rowLabels[r]);
        }
        return new ActionSpace(target.name(), actionColumns.stream().map(Column::name).toList(), labels,
                actionOfRow);
    }

    /** "value | value" in column order; null when any action column is null (the row names no whole action). */
    private static String label(List<CategoricalColumn> columns, int row) {
        StringBuilder b = new StringBuilder();
        for (CategoricalColumn c : columns) {
            String v = c.get(row);
            if (v == null) {
                return null;
            }
            if (b.length() > 0) {
                b.append(" | ");
            }
            b.append(v);
        }
        return b.toString();
    }

    /** The target table the actions come from. */
    public String table() {
        return table;
    }

    /** The columns that make an action, in table order. */
    public List<String> columns() {
        return columns;
    }

    public int size() {
        return labels.size();
    }

    /** The action's values joined by {@code " | "}, in {@link #columns()} order. */
    public String label(int action) {
        return labels.get(action);
    }

    public List<String> labels() {
        return Collections.unmodifiableList(labels);
    }

    /** The action a target-table row records, or -1 when one of its action columns is null. */
    public int actionOf(int targetRow) {
        return actionOfRow[targetRow];
    }
}

package org.relgraph.models.features;

import static org.relgraph.models.features.DuckDbMirror.valueColumn;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.relgraph.query.LabelHistory;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingTable;
import org.relgraph.schema.SemanticType;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * Computes point-in-time features for training tables of one database. {@link #fit} learns what depends on the
 * training split ({@link FeatureSpec}); {@link #build} turns any split into a {@link FeatureMatrix}. An example
 * with anchor {@code t} sees related rows with time {@code <= cut} and, for a window of {@code w} days,
 * {@code > cut - w}, where {@code cut = min(t, featureCutoff)}; windows and recency are measured from {@code cut}
 * so that a cutoff shifts nothing between splits. The database is copied into DuckDB once, on first need.
 */
public final class PointInTimeFeatures implements AutoCloseable {
    private static final double DAY_MS = 86_400_000d;
    /**
     * A categorical column with at most this many frequent values is also read as a label of series (account type
     * of a balance snapshot) and gets the latest value of each number per value; more values are rarely series.
     */
    private static final int MAX_SERIES_PER_COLUMN = 8;

    private final Database db;
    private DuckDbMirror mirror;
    /** The label history of the last spec that asked for one; its past labels are kept between builds. */
    private LabelHistory labelHistory;

    /** The path (and name prefix) of label-history columns. */
    public static final String LABEL_HISTORY = "label_history";

    public PointInTimeFeatures(Database db) {
        this.db = db;
    }

    /** Learns the entity dictionaries and, from rows up to the last train anchor, the top-K categorical values. */
    public FeatureSpec fit(String entityTable, FeatureOptions options, TrainingTable train) {
        Table entity = db.table(entityTable);
        Map<String, List<String>> dictionaries = new LinkedHashMap<>();
        for (Column c : entity.columns()) {
            if (c instanceof CategoricalColumn cat && isEntityFeature(entity, cat)) {
                dictionaries.put(cat.name(), cat.dictionary());
            }
        }
        Map<String, List<String>> topValues = new LinkedHashMap<>();
        if (options.aggregates() && options.topK() > 0) {
            long lastTrainAnchor = Long.MIN_VALUE;
            for (int i = 0; i < train.size(); i++) {
                lastTrainAnchor = Math.max(lastTrainAnchor, train.anchorTime(i));
            }
            long horizon = Math.min(lastTrainAnchor, options.featureCutoffMs());
            for (RelatedPath path : RelatedPath.from(db.schema(), entityTable, options.maxHops())) {
                for (CategoricalColumn cat : DuckDbMirror.categoricalColumns(db.table(path.measuredTable()))) {
                    topValues.put(path.name() + "." + cat.name(), mostFrequent(path, cat, horizon, options.topK()));
                }
            }
        }
        return new FeatureSpec(entity.name(), options, dictionaries, topValues);
    }

    public FeatureMatrix build(FeatureSpec spec, TrainingTable table) {
        List<FeatureColumn> columns = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        if (spec.options().entityColumns()) {
            entityColumns(spec, table, columns, values);
        }
        if (spec.options().aggregates()) {
            registerAnchors(spec.options(), table);
            for (RelatedPath path : RelatedPath.from(db.schema(), spec.entityTable(), spec.options().maxHops())) {
                aggregateColumns(spec, path, table.size(), columns, values);
            }
        }
        if (spec.labelHistoryQuery() != null) {
            labelHistoryColumns(spec, table, columns, values);
        }
        int rows = table.size();
        int width = columns.size();
        float[] dense = new float[rows * width];
        for (int c = 0; c < width; c++) {
            float[] column = values.get(c);
            for (int r = 0; r < rows; r++) {
                dense[r * width + c] = column[r];
            }
        }
        return new FeatureMatrix(rows, columns, dense);
    }

    /**
     * The entity's own past labels for the spec's query ({@link LabelHistory}), as of each example's anchor capped
     * by the feature cutoff: {@code label_history.count}, {@code .mean}, {@code .last}, ... as they are, NaN when
     * there is no value. They read the query's target table and the tables of its filter.
     */
    private void labelHistoryColumns(FeatureSpec spec, TrainingTable table, List<FeatureColumn> columns,
                                     List<float[]> values) {
        LabelHistory history = labelHistory(spec);
        List<LabelHistory.Statistic> statistics = history.statistics();
        float[][] v = new float[statistics.size()][table.size()];
        for (int i = 0; i < table.size(); i++) {
            double[] row = history.values(table.entityRow(i), table.anchorTime(i));
            for (int k = 0; k < row.length; k++) {
                v[k][i] = (float) row[k];
            }
        }
        PredictiveQuery q = history.query();
        List<String> tables = new ArrayList<>(List.of(q.targetTable()));
        q.filterLinks().keySet().stream().filter(t -> !tables.contains(t)).forEach(tables::add);
        for (int k = 0; k < statistics.size(); k++) {
            LabelHistory.Statistic statistic = statistics.get(k);
            columns.add(new FeatureColumn(LABEL_HISTORY + "." + statistic.key(), LABEL_HISTORY, 0, statistic.key(), 0,
                    tables, List.of(), statistic == LabelHistory.Statistic.COUNT ? 0f : Float.NaN));
            values.add(v[k]);
        }
    }

    private LabelHistory labelHistory(FeatureSpec spec) {
        if (labelHistory == null || !labelHistory.query().text().equals(spec.labelHistoryQuery())) {
            long cutoff = spec.options().featureCutoffMs();
            labelHistory = new LabelHistory(db, PredictiveQuery.parse(spec.labelHistoryQuery(), db.schema()),
                    cutoff == FeatureOptions.NO_CUTOFF ? null : cutoff);
        }
        return labelHistory;
    }

    private static boolean isEntityFeature(Table entity, Column c) {
        boolean key = c.name().equalsIgnoreCase(entity.schema().primaryKey())
                || entity.schema().foreignKeys().stream().anyMatch(fk -> fk.column().equalsIgnoreCase(c.name()));
        return !key && (c.type() == SemanticType.NUMERICAL || c.type() == SemanticType.BOOLEAN
                || c.type() == SemanticType.CATEGORICAL || c.type() == SemanticType.TIMESTAMP);
    }

    /** Numbers as they are, categoricals as positions in the fitted dictionary, timestamps as age in days. */
    private void entityColumns(FeatureSpec spec, TrainingTable table, List<FeatureColumn> columns,
                               List<float[]> values) {
        Table entity = db.table(spec.entityTable());
        String path = entity.name();
        for (Column c : entity.columns()) {
            if (!isEntityFeature(entity, c)) {
                continue;
            }
            float[] v = new float[table.size()];
            String statistic;
            if (c instanceof DoubleColumn d) {
                statistic = "value";
                for (int i = 0; i < v.length; i++) {
                    int r = table.entityRow(i);
                    v[i] = d.isNull(r) ? Float.NaN : (float) d.get(r);
                }
            } else if (c instanceof CategoricalColumn cat) {
                List<String> dictionary = spec.entityDictionaries().get(cat.name());
                if (dictionary == null) {
                    continue;
                }
                statistic = "code";
                Map<String, Integer> code = new HashMap<>();
                for (int k = 0; k < dictionary.size(); k++) {
                    code.put(dictionary.get(k), k);
                }
                for (int i = 0; i < v.length; i++) {
                    Integer k = code.get(cat.get(table.entityRow(i)));
                    v[i] = k == null ? Float.NaN : k;
                }
            } else {
                LongColumn time = (LongColumn) c;
                statistic = "age_days";
                for (int i = 0; i < v.length; i++) {
                    int r = table.entityRow(i);
                    v[i] = time.isNull(r) ? Float.NaN : (float) ((table.anchorTime(i) - time.get(r)) / DAY_MS);
                }
            }
            columns.add(new FeatureColumn(path + "." + c.name() + "." + statistic, path, 0, statistic, 0, List.of(),
                    List.of(c.name()), Float.NaN));
            values.add(v);
        }
    }

    private List<String> mostFrequent(RelatedPath path, CategoricalColumn cat, long horizonMs, int k) {
        String column = path.measuredAlias() + "." + valueColumn(cat.name());
        String sql = "SELECT " + column + " AS code, count(*) AS n FROM " + path.joinUpTo(horizonMs) + " AND "
                + column + " IS NOT NULL GROUP BY 1 ORDER BY n DESC, code LIMIT " + k;
        List<String> top = new ArrayList<>();
        try (Statement s = mirror().connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                top.add(cat.dictionary().get(rs.getInt(1)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("top values of " + path.name() + "." + cat.name() + ": "
                    + e.getMessage(), e);
        }
        return top;
    }

    private void registerAnchors(FeatureOptions options, TrainingTable table) {
        try (Statement s = mirror().connection().createStatement()) {
            s.execute("CREATE OR REPLACE TABLE anchors (qid INTEGER, erow INTEGER, cut BIGINT)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the anchor table: " + e.getMessage(), e);
        }
        try (DuckDBAppender appender = ((DuckDBConnection) mirror().connection()).createAppender(
                DuckDBConnection.DEFAULT_SCHEMA, "anchors")) {
            for (int i = 0; i < table.size(); i++) {
                appender.beginRow().append(i).append(table.entityRow(i))
                        .append(Math.min(table.anchorTime(i), options.featureCutoffMs())).endRow();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register anchors: " + e.getMessage(), e);
        }
    }

    /** One grouped query per path; every window is a FILTER over the same join, so each path is read once. */
    private void aggregateColumns(FeatureSpec spec, RelatedPath path, int rows, List<FeatureColumn> columns,
                                  List<float[]> values) {
        PathAggregates aggregates = new PathAggregates(path, spec.options().windowDays());
        Table measured = db.table(path.measuredTable());
        if (path.kind() != RelatedPath.Kind.PARENT_OF_CHILD) {
            aggregates.count();
        }
        aggregates.recency();
        List<DoubleColumn> numbers = DuckDbMirror.numericColumns(measured);
        for (DoubleColumn number : numbers) {
            aggregates.numeric(number.name());
            aggregates.latest(number.name());
        }
        DerivedFeatures derived = spec.options().derived();
        if (path.kind() == RelatedPath.Kind.CHILD) {
            // Forms and recency-weighted means only for the entity's own event rows (a driver's results): over a
            // second hop (the races of those results) they average what the entity did not do.
            for (DoubleColumn number : numbers) {
                for (int k : derived.lastRows()) {
                    aggregates.lastRows(number.name(), k);
                }
                for (int h : derived.halfLifeDays()) {
                    aggregates.recencyWeightedMean(number.name(), h);
                }
            }
        }
        int longestWindow = spec.options().windowDays().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (CategoricalColumn cat : DuckDbMirror.categoricalColumns(measured)) {
            List<String> top = spec.topValues().getOrDefault(path.name() + "." + cat.name(), List.of());
            aggregates.categorical(cat, top);
            // Shares of the entity's own rows (a status among results), not of the dimensions they point at (which
            // grand prix): the latter split the same rows hundreds of ways and only add noise.
            if (derived.categoryShares() && path.kind() != RelatedPath.Kind.PARENT_OF_CHILD) {
                aggregates.shares(cat, top, longestWindow);
            }
            if (top.size() <= MAX_SERIES_PER_COLUMN) {
                for (DoubleColumn number : numbers) {
                    aggregates.latestPerCategory(cat, top, number.name());
                }
            }
        }
        if (aggregates.isEmpty()) {
            return;
        }
        int first = values.size();
        for (int k = 0; k < aggregates.size(); k++) {
            float[] v = new float[rows];
            Arrays.fill(v, aggregates.valueWithoutRows(k));
            values.add(v);
            columns.add(aggregates.column(k));
        }
        try (Statement s = mirror().connection().createStatement(); ResultSet rs = s.executeQuery(aggregates.sql())) {
            while (rs.next()) {
                int qid = rs.getInt(1);
                for (int k = 0; k < aggregates.size(); k++) {
                    double x = rs.getDouble(k + 2);
                    values.get(first + k)[qid] = rs.wasNull() ? aggregates.valueWithoutRows(k) : (float) x;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("aggregates of " + path.name() + ": " + e.getMessage(), e);
        }
    }

    private DuckDbMirror mirror() {
        if (mirror == null) {
            mirror = DuckDbMirror.of(db);
        }
        return mirror;
    }

    @Override
    public void close() {
        if (mirror != null) {
            mirror.close();
            mirror = null;
        }
    }
}

package org.relgraph.models.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.relgraph.gnn.encode.CategoricalFeature;
import org.relgraph.gnn.encode.ChildActivityEncoding;
import org.relgraph.gnn.encode.ChildActivityFeatures;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.encode.EncodingJson;
import org.relgraph.gnn.encode.FeatureLayout;
import org.relgraph.gnn.encode.NumericFeature;
import org.relgraph.gnn.encode.RowEncoder;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.models.features.FeatureColumn;
import org.relgraph.models.features.FeatureMatrix;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.features.InputMask;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.table.Database;

/**
 * The GNN's own inputs of the entity node, as {@code xgb-gnn-inputs} appends them to flat XGBoost's features: the
 * entity row as the GNN's encoder writes it (numeric columns, then each categorical column's embedding code) and its
 * child summaries ({@link ChildActivityFeatures}), as of each example's anchor capped by the input cutoff. The
 * encoding is fitted like the GNN's ({@link DatabaseEncoding#fit} on data up to the last train anchor), so these are
 * exactly the numbers the GNN's seed node reads (the probe {@code NodeInputsXgboostProbe} measured them on Berka).
 * A child counts only when its time is at or before that moment, the rule the flat features follow too.
 */
final class EntityNodeInputs implements AppendedFeatures {
    /** The fitted encoding, as {@code encoding.json} holds it in a GNN bundle. */
    static final String ENCODING_FILE = "node-inputs-encoding.json";
    /** The entity table and the input cutoff: {@link Saved}. */
    static final String FILE = "node-inputs.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What {@link #load} needs besides the encoding.
     *
     * @param inputCutoffMs the latest time any input reads, or {@link FeatureOptions#NO_CUTOFF} for each anchor's own
     */
    record Saved(String entityTable, long inputCutoffMs, boolean childSummaries, boolean windowSums) {
    }

    private final Database db;
    private final Saved settings;
    private DatabaseEncoding encoding;
    /** The graph of the unmasked data, built on first need and shared by the masked graphs. */
    private HeteroGraph graph;

    EntityNodeInputs(Database db, String entityTable, long inputCutoffMs, boolean childSummaries,
                     boolean windowSums) {
        this(db, new Saved(entityTable, inputCutoffMs, childSummaries, windowSums), null);
    }

    private EntityNodeInputs(Database db, Saved settings, DatabaseEncoding encoding) {
        this.db = db;
        this.settings = settings;
        this.encoding = encoding;
    }

    /** The inputs {@link #saveInto} wrote into {@code dir} (checksums already verified), computed from {@code db}. */
    static EntityNodeInputs load(Path dir, Database db) throws IOException {
        Saved saved = JSON.readValue(dir.resolve(FILE).toFile(), Saved.class);
        return new EntityNodeInputs(db, saved, EncodingJson.read(dir.resolve(ENCODING_FILE)));
    }

    /** Encoding statistics from rows up to the last train anchor (capped by the cutoff), as the GNN fits them. */
    @Override
    public void fit(TrainingSplits splits) {
        long latest = Math.min(splits.train().anchors().stream().mapToLong(Long::longValue).max().orElseThrow(),
                settings.inputCutoffMs());
        encoding = DatabaseEncoding.fit(db, latest, EncodingConfig.defaults()
                .withChildActivity(settings.childSummaries()).withActivityWindowSums(settings.windowSums()));
    }

    @Override
    public FeatureMatrix build(TrainingTable table, InputMask mask) {
        if (encoding == null) {
            throw new IllegalStateException("the entity's node inputs are not fitted");
        }
        String entity = settings.entityTable();
        Database data = mask.applyTo(db, entity);
        if (graph == null) {
            graph = HeteroGraph.build(db);
        }
        HeteroGraph g = data == db ? graph : HeteroGraph.build(data, graph);
        RowEncoder row = encoding.table(entity).bind(data.table(entity));
        ChildActivityFeatures summaries = encoding.bindChildActivity(entity, g, data);
        int n = table.size();
        int[] rows = new int[n];
        long[] seen = new long[n];
        for (int i = 0; i < n; i++) {
            rows[i] = table.entityRow(i);
            seen[i] = Math.min(table.anchorTime(i), settings.inputCutoffMs());
        }
        int numeric = row.numericWidth();
        int categorical = row.layout().categoricalCount();
        int width = numeric + categorical + (summaries == null ? 0 : summaries.width());
        float[] out = new float[n * width];
        row.writeNumeric(rows, seen, out, width, 0);
        int[][] codes = row.categoryCodes(rows);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < categorical; c++) {
                out[i * width + numeric + c] = codes[c][i];
            }
            if (summaries != null) {
                summaries.write(rows[i], seen[i], out, i * width + numeric + categorical);
            }
        }
        return new FeatureMatrix(n, columns(row.layout()), out);
    }

    /** Named {@code gnn.<table>.<input>}, unique, in the order {@link #build} writes them. */
    private List<FeatureColumn> columns(FeatureLayout layout) {
        String entity = settings.entityTable();
        List<FeatureColumn> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (NumericFeature f : layout.numeric()) {
            out.add(new FeatureColumn(unique(names, "gnn." + entity + "." + f.label()), entity, 0, "gnn_input", 0,
                    List.of(), List.of(f.column()), Float.NaN));
        }
        for (CategoricalFeature f : layout.categorical()) {
            out.add(new FeatureColumn(unique(names, "gnn." + entity + "." + f.column() + ".code"), entity, 0,
                    "gnn_input", 0, List.of(), List.of(f.column()), Float.NaN));
        }
        for (ChildActivityEncoding e : encoding.childActivity(entity)) {
            for (ChildActivityEncoding.Feature f : e.features()) {
                String name = "gnn." + f.childTable() + "(" + f.foreignKey() + ")"
                        + (f.value() == null ? "" : "." + f.column() + "=" + f.value())
                        + "." + f.statistic().name().toLowerCase(Locale.ROOT)
                        + (f.measure() == null ? "" : "." + f.measure());
                out.add(new FeatureColumn(unique(names, name), entity + ">" + f.childTable(), 1, "gnn_input", 0,
                        List.of(f.childTable()), List.of(), 0f));
            }
        }
        return out;
    }

    private static String unique(Set<String> taken, String name) {
        String n = name;
        for (int k = 2; !taken.add(n); k++) {
            n = name + "#" + k;
        }
        return n;
    }

    @Override
    public void saveInto(Path dir) throws IOException {
        EncodingJson.write(encoding, dir.resolve(ENCODING_FILE));
        JSON.writeValue(dir.resolve(FILE).toFile(), settings);
    }
}

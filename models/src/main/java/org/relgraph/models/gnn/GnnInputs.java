package org.relgraph.models.gnn;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.models.bundle.DataFingerprint;
import org.relgraph.query.LabelHistory;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;

/**
 * What GNNs trained on one database share whatever their architecture and optimiser: the graph, the data's
 * fingerprint, the input encoding and the label history. {@code relgraph tune} and {@code train --ensemble K} train
 * many GNNs on the same data; each built these again, the graph and the encoding costing a pass over every table.
 * Each is built on first use and kept, so they are built once; an encoding is kept per what it depends on (the
 * latest train input time and whether tables get child summaries) and a label history per (query, input cutoff),
 * so a run whose settings change them gets its own. Everything kept is immutable, so the models trained from it are
 * exactly those trained alone. Not thread-safe: train one model at a time from it.
 */
public final class GnnInputs {
    private final Database db;
    private HeteroGraph graph;
    private String fingerprint;
    private final Map<EncodingKey, DatabaseEncoding> encodings = new HashMap<>();
    private final Map<HistoryKey, LabelHistory> histories = new HashMap<>();

    /** What {@link GnnPredictor#fitEncoding} reads of the splits and config. */
    private record EncodingKey(long latestInputMs, boolean childSummaries, boolean windowSums) {
    }

    /** What a {@link LabelHistory} is built from besides the database. */
    private record HistoryKey(String query, Long inputCutoffMs) {
    }

    private GnnInputs(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Nothing built yet for {@code db}. */
    public static GnnInputs of(Database db) {
        return new GnnInputs(db);
    }

    public Database db() {
        return db;
    }

    /** {@code inputs} when it is for {@code db}; refuses inputs of another database (they would train on it). */
    static GnnInputs forDatabase(GnnInputs inputs, Database db) {
        if (inputs == null) {
            return of(db);
        }
        if (inputs.db != db) {
            throw new IllegalArgumentException("the shared GNN inputs were built for another database");
        }
        return inputs;
    }

    /** {@link HeteroGraph#build(Database)} of the database, built once. */
    public HeteroGraph graph() {
        if (graph == null) {
            graph = HeteroGraph.build(db);
        }
        return graph;
    }

    /** {@link DataFingerprint#of(Database)}, computed once. */
    public String fingerprint() {
        if (fingerprint == null) {
            fingerprint = DataFingerprint.of(db);
        }
        return fingerprint;
    }

    /** {@link GnnPredictor#fitEncoding} for these splits and config, fitted once per latest input time and child-summary choices. */
    public DatabaseEncoding encoding(TrainingSplits splits, GnnConfig config) {
        long latestInput = GnnPredictor.latestTrainInput(splits, config);
        return encodings.computeIfAbsent(new EncodingKey(latestInput, config.childSummariesOr(true),
                        config.extendedChildSummariesOn()),
                k -> GnnPredictor.fitEncoding(db, latestInput, k.childSummaries(), k.windowSums()));
    }

    /** The label history a model of {@code config} reads for {@code query}, built once per query and input cutoff. */
    LabelHistory labelHistory(PredictiveQuery query, GnnConfig config) {
        return histories.computeIfAbsent(new HistoryKey(query.text(), config.inputCutoffMs()),
                k -> new LabelHistory(db, query, k.inputCutoffMs()));
    }
}

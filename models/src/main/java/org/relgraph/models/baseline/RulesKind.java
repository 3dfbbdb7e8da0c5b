package org.relgraph.models.baseline;

import java.io.IOException;
import java.nio.file.Path;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.table.Database;

/** {@code rules}: segment rate plus recent activity, what a bank runs today ({@link RulesPredictor}). */
public final class RulesKind extends TabularKind {
    public static final RulesKind INSTANCE = new RulesKind();

    private RulesKind() {
    }

    @Override
    public String id() {
        return RulesPredictor.NAME;
    }

    @Override
    TabularPredictor createPredictor(Database db, PredictiveQuery query, long seed, int threads,
                                     long featureCutoffMs) {
        return new RulesPredictor(db, query.entityTable(), featureCutoffMs);
    }

    @Override
    TabularPredictor loadPredictor(Path dir, Database db) throws IOException {
        return RulesPredictor.load(dir, db);
    }

    /** The entity's child rows, one hop away. */
    @Override
    public int inputHops(Object settings) {
        return 1;
    }
}

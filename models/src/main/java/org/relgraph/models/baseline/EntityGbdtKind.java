package org.relgraph.models.baseline;

import java.nio.file.Path;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.table.Database;

/** {@code entity-gbdt}: XGBoost on the entity table's own columns ({@link GradientBoostedBaseline}). */
public final class EntityGbdtKind extends TabularKind {
    public static final EntityGbdtKind INSTANCE = new EntityGbdtKind();

    private EntityGbdtKind() {
    }

    @Override
    public String id() {
        return GradientBoostedBaseline.ENTITY_GBDT;
    }

    @Override
    TabularPredictor createPredictor(Database db, PredictiveQuery query, long seed, int threads,
                                     long featureCutoffMs) {
        return GradientBoostedBaseline.entityColumnsOnly(db, query.entityTable(),
                XgboostSettings.defaults().withSeed(seed).withThreads(threads));
    }

    @Override
    TabularPredictor loadPredictor(Path dir, Database db) {
        return GradientBoostedBaseline.load(dir, db);
    }

    /** The entity's own columns only. */
    @Override
    public int inputHops(Object settings) {
        return 0;
    }
}

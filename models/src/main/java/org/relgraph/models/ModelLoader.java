package org.relgraph.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.relgraph.models.baseline.BaselineInfo;
import org.relgraph.models.baseline.BaselineBundle;
import org.relgraph.models.baseline.BaselineModel;
import org.relgraph.models.baseline.FlatXgboostRankingModel;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.rank.CfModel;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/**
 * Opens any model bundle: reads its {@code kind} from {@code bundle.json} (GNN bundles predate the field and have
 * none) and hands the folder to that kind's loader, which verifies checksums before trusting anything.
 */
public final class ModelLoader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());

    private ModelLoader() {
    }

    public static EntityModel load(Path dir, Database db) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new SchemaException("no model bundle at " + dir,
                    "pass the folder that relgraph train or relgraph baseline wrote");
        }
        ModelKind kind = kindOf(dir);
        if (kind == ModelKind.GNN) {
            org.relgraph.models.gnn.ModelBundle bundle = org.relgraph.models.gnn.ModelBundle.load(dir);
            return bundle.info().taskType() == org.relgraph.query.TaskType.RANKING
                    ? org.relgraph.models.gnn.GnnRanker.load(bundle, db) : GnnPredictor.load(dir, db);
        }
        BaselineInfo info = BaselineBundle.readInfo(dir);
        if (kind == ModelKind.CF) {
            return CfModel.load(dir, info, db);
        }
        return kind == ModelKind.FLAT_XGBOOST && info.taskType() == org.relgraph.query.TaskType.RANKING
                ? FlatXgboostRankingModel.load(dir, info, db) : BaselineModel.load(dir, info, db);
    }

    /**
     * The tables the bundle's model was trained without ({@code excludedTables} in {@code bundle.json}), so scoring
     * can leave out the same ones before it loads the data. Empty when the bundle records none (bundles before the
     * field existed) or cannot be read: {@link #load} then reports what is wrong with it.
     */
    public static List<String> excludedTables(Path dir) {
        try {
            JsonNode names = JSON.readTree(dir.resolve("bundle.json").toFile()).get("excludedTables");
            List<String> out = new ArrayList<>();
            if (names != null && names.isArray()) {
                names.forEach(n -> out.add(n.asText()));
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The kind recorded in the bundle; {@code gnn} when the field is absent or the file unreadable (checked later). */
    static ModelKind kindOf(Path dir) {
        try {
            JsonNode kind = JSON.readTree(dir.resolve("bundle.json").toFile()).get("kind");
            return kind == null ? ModelKind.GNN : ModelKind.parse(kind.asText());
        } catch (IOException e) {
            return ModelKind.GNN;
        }
    }
}

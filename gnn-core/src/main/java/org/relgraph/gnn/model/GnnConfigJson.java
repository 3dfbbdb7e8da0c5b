package org.relgraph.gnn.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The canonical JSON of a {@link GnnConfig}: one object per part ({@code architecture}, {@code sampling},
 * {@code optimisation}, {@code loop}, {@code task}), each with its record's fields, keys sorted at every level and
 * nulls kept, so equal configs have equal JSON whatever order a record declares its fields in. The bundle stores
 * this form and the checkpoint identity hashes its compact text.
 *
 * <p>Reading lays each stored part over that part's {@code DEFAULTS}, so a bundle written before a field existed
 * loads with the field's default; it also reads the flat form (every field at the top level) that bundles had
 * before the config came in parts.
 */
public final class GnnConfigJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final List<String> PARTS = List.of("architecture", "sampling", "optimisation", "loop", "task");

    /** The flat form's fields by the part and name they have now. */
    private static final Map<String, String[]> FLAT_FIELDS = Map.ofEntries(
            Map.entry("hidden", new String[] {"architecture", "hidden"}),
            Map.entry("layers", new String[] {"architecture", "layers"}),
            Map.entry("aggregation", new String[] {"architecture", "aggregation"}),
            Map.entry("activation", new String[] {"architecture", "activation"}),
            Map.entry("dropout", new String[] {"architecture", "dropout"}),
            Map.entry("fanouts", new String[] {"sampling", "fanouts"}),
            Map.entry("sampling", new String[] {"sampling", "strategy"}),
            Map.entry("inputCutoffMs", new String[] {"sampling", "inputCutoffMs"}),
            Map.entry("learningRate", new String[] {"optimisation", "learningRate"}),
            Map.entry("weightDecay", new String[] {"optimisation", "weightDecay"}),
            Map.entry("batchSize", new String[] {"loop", "batchSize"}),
            Map.entry("epochs", new String[] {"loop", "epochs"}),
            Map.entry("patience", new String[] {"loop", "patience"}),
            Map.entry("seed", new String[] {"loop", "seed"}),
            Map.entry("actionScorer", new String[] {"task", "actionScorer"}),
            Map.entry("childSummaries", new String[] {"task", "childSummaries"}),
            Map.entry("labelHistory", new String[] {"task", "labelHistory"}));

    private GnnConfigJson() {
    }

    /** The canonical tree: parts and their fields in key order. */
    public static ObjectNode toTree(GnnConfig config) {
        ObjectNode tree = MAPPER.createObjectNode();
        tree.set("architecture", MAPPER.valueToTree(config.architecture()));
        tree.set("sampling", MAPPER.valueToTree(config.sampling()));
        tree.set("optimisation", MAPPER.valueToTree(config.optimisation()));
        tree.set("loop", MAPPER.valueToTree(config.loop()));
        tree.set("task", MAPPER.valueToTree(config.task()));
        return sorted(tree);
    }

    /** The canonical text: the canonical tree without whitespace. */
    public static String canonical(GnnConfig config) {
        try {
            return MAPPER.writeValueAsString(toTree(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a config of plain values did not serialise", e);
        }
    }

    /** "sha256:" and the SHA-256 of the canonical text, in hex. */
    public static String identity(GnnConfig config) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(config).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Parses a config from JSON text, in either form. */
    public static GnnConfig parse(String json) {
        try {
            return fromTree(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON config: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A config from its canonical tree or the older flat one, missing fields taking their part's defaults.
     *
     * @throws IllegalArgumentException on a field no part has, or a value its part refuses
     */
    public static GnnConfig fromTree(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a model config must be a JSON object, got " + json);
        }
        ObjectNode parts = json.has("architecture") ? (ObjectNode) json : partsOfFlat((ObjectNode) json);
        for (Iterator<String> names = parts.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PARTS.contains(name)) {
                throw new IllegalArgumentException("a model config has no part " + name + " (it has " + PARTS + ")");
            }
        }
        return new GnnConfig(part(parts, "architecture", Architecture.DEFAULTS),
                part(parts, "sampling", Sampling.DEFAULTS), part(parts, "optimisation", Optimisation.DEFAULTS),
                part(parts, "loop", TrainingLoop.DEFAULTS), part(parts, "task", TaskSettings.DEFAULTS));
    }

    private static ObjectNode partsOfFlat(ObjectNode flat) {
        ObjectNode parts = MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = flat.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String[] where = FLAT_FIELDS.get(field.getKey());
            if (where == null) {
                throw new IllegalArgumentException("a model config has no field " + field.getKey());
            }
            parts.with(where[0]).set(where[1], field.getValue());
        }
        return parts;
    }

    /** The stored part laid over the part's defaults. */
    @SuppressWarnings("unchecked")
    private static <P extends Record> P part(ObjectNode parts, String name, P defaults) {
        ObjectNode merged = MAPPER.valueToTree(defaults);
        JsonNode stored = parts.get(name);
        if (stored != null && !stored.isNull()) {
            if (!stored.isObject()) {
                throw new IllegalArgumentException("the model config's " + name + " must be a JSON object, got "
                        + stored);
            }
            merged.setAll((ObjectNode) stored);
        }
        try {
            return (P) MAPPER.treeToValue(merged, defaults.getClass());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the model config's " + name + " is not valid: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode sorted(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        Collections.sort(names);
        ObjectNode out = MAPPER.createObjectNode();
        for (String name : names) {
            JsonNode value = node.get(name);
            out.set(name, value.isObject() ? sorted((ObjectNode) value) : value);
        }
        return out;
    }
}

package org.relgraph.gnn.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.relgraph.schema.SchemaException;

/**
 * Reads and writes a {@link DatabaseEncoding} as JSON for the model bundle. Doubles are written in their shortest
 * exact form, so a read-back encoding produces bit-identical inputs. The file carries a format version so a bundle
 * from an incompatible relgraph is refused rather than misread.
 */
public final class EncodingJson {
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EncodingJson() {
    }

    private record Document(int formatVersion, DatabaseEncoding encoding) {
    }

    public static String toJson(DatabaseEncoding encoding) {
        try {
            return MAPPER.writeValueAsString(new Document(FORMAT_VERSION, encoding));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise encoding statistics", e);
        }
    }

    /** @throws SchemaException when the text is not an encoding file of this format version */
    public static DatabaseEncoding fromJson(String json) {
        Document d;
        try {
            d = MAPPER.readValue(json, Document.class);
        } catch (JsonProcessingException e) {
            throw new SchemaException("the model's encoding statistics are not valid: " + e.getOriginalMessage(),
                    "the model bundle is damaged or from another tool; re-export or retrain the model", e);
        }
        if (d.formatVersion() != FORMAT_VERSION || d.encoding() == null) {
            throw new SchemaException("the model's encoding statistics have format version " + d.formatVersion()
                    + ", this relgraph reads version " + FORMAT_VERSION,
                    "use the relgraph version that trained the model, or retrain it");
        }
        return d.encoding();
    }

    public static void write(DatabaseEncoding encoding, Path file) throws IOException {
        Files.writeString(file, toJson(encoding));
    }

    public static DatabaseEncoding read(Path file) throws IOException {
        return fromJson(Files.readString(file));
    }
}

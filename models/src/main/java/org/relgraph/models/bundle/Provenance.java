package org.relgraph.models.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;

/**
 * Where a trained model came from, so a score can be traced back to the data and software that produced it.
 *
 * @param dataFingerprint see {@link DataFingerprint}
 * @param createdAt       ISO-8601 instant the model was trained
 * @param refit           how the saved model was refit after early stopping (which examples, how many epochs, where
 *                        its validation metrics come from), or null when the saved model is the early-stopped one;
 *                        left out of the JSON then
 */
public record Provenance(String dataFingerprint, long seed, String relgraphVersion, String javaVersion,
                         String createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) String refit) {
    public static Provenance now(String dataFingerprint, long seed) {
        return new Provenance(dataFingerprint, seed, currentRelgraphVersion(), System.getProperty("java.version"),
                Instant.now().toString(), null);
    }

    /** This provenance, saying the model was refit as {@code how} describes. */
    public Provenance withRefit(String how) {
        return new Provenance(dataFingerprint, seed, relgraphVersion, javaVersion, createdAt, how);
    }

    static String currentRelgraphVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("relgraph-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

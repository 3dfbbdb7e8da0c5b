package org.relgraph.models.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;

/**
 * Where a trained model came from, so a score can be traced back to the data and software that produced it.
 *
 * @param dataFingerprint see {@link DataFingerprint}
 * @param createdAt       ISO-8601 instant the model was trained
 */
public record Provenance(String dataFingerprint, long seed, String relgraphVersion, String javaVersion,
                         String createdAt) {
    public static Provenance now(String dataFingerprint, long seed) {
        return new Provenance(dataFingerprint, seed, currentRelgraphVersion(), System.getProperty("java.version"),
                Instant.now().toString());
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

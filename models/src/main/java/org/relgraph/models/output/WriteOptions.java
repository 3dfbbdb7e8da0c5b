package org.relgraph.models.output;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What identifies one scoring run in its output. A database target stores both in every row, so a daily re-score
 * replaces exactly its own as-of date and each row says which model produced it.
 *
 * @param asOfDate the date the scores are "as of" (the prediction cutoff), not the wall-clock run date
 * @param modelId  the model bundle that produced the scores
 */
public record WriteOptions(LocalDate asOfDate, String modelId) {
    public WriteOptions {
        Objects.requireNonNull(asOfDate, "asOfDate");
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("modelId must be non-blank");
        }
    }
}

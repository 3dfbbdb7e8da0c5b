package org.relgraph.models.audit;

/**
 * The leakage audit did not run because reopening the model on masked copies of the data would not fit in the
 * heap that is free: the model is saved and usable, and the command says so rather than failing after training.
 */
public final class AuditSkipped extends RuntimeException {
    public AuditSkipped(String message) {
        super(message);
    }
}

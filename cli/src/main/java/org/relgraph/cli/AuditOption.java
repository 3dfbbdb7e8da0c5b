package org.relgraph.cli;

import java.io.PrintWriter;
import org.relgraph.models.audit.AuditReport;
import org.relgraph.models.audit.AuditSkipped;
import picocli.CommandLine.Option;

/** {@code --no-leakage-audit}, and how train and baseline print the audit's findings. */
final class AuditOption {
    @Option(names = "--leakage-audit", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "After fitting, score validation once per related table with that table masked and warn "
                    + "when the model leans on a table without a time column (its rows are visible at every "
                    + "prediction time, so it can leak the future), or when val AUROC > 0.97 / R2 > 0.95. On by "
                    + "default; costs one validation pass per table (on a sample of "
                    + org.relgraph.models.audit.LeakageAudit.MAX_EXAMPLES + " validation examples when there are "
                    + "more, which the audit's header then says). Findings are stored in the bundle's metrics.")
    boolean enabled = true;

    /** What runs the audit: {@code LeakageAudit.auditAndRecord} on the saved bundle. */
    @FunctionalInterface
    interface Audit {
        AuditReport run() throws java.io.IOException;
    }

    /** Runs the audit and prints its findings, or a warning when it had to be skipped (the model stays saved). */
    void run(Audit audit, PrintWriter pw, PrintWriter err) throws java.io.IOException {
        try {
            audit.run().lines().forEach(pw::println);
        } catch (AuditSkipped e) {
            err.println("warning: leakage audit skipped: " + e.getMessage() + "; the model is saved without it");
            err.println("hint: give Java a larger heap to audit it (docs/MEMORY.md), or pass --no-leakage-audit "
                    + "to skip it without this warning");
        }
        pw.flush();
        err.flush();
    }
}

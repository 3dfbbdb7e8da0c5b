package org.relgraph.cli;

import java.io.PrintWriter;
import org.relgraph.models.audit.AuditReport;
import picocli.CommandLine.Option;

/** {@code --no-leakage-audit}, and how train and baseline print the audit's findings. */
final class AuditOption {
    @Option(names = "--leakage-audit", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "After fitting, score validation once per related table with that table masked and warn "
                    + "when the model leans on a table without a time column (its rows are visible at every "
                    + "prediction time, so it can leak the future), or when val AUROC > 0.97 / R2 > 0.95. On by "
                    + "default; costs one validation pass per table (on a sample of 20,000 validation examples when "
                    + "there are more). Findings are stored in the bundle's metrics.")
    boolean enabled = true;

    void print(AuditReport report, PrintWriter pw) {
        report.lines().forEach(pw::println);
        pw.flush();
    }
}

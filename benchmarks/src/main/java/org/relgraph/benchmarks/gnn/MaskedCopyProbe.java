package org.relgraph.benchmarks.gnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.audit.LeakageAudit;
import org.relgraph.models.features.InputMask;
import org.relgraph.source.DataSources;
import org.relgraph.source.MaskedCopyEstimate;
import org.relgraph.source.MemoryEstimate;
import org.relgraph.source.RowCounts;
import org.relgraph.table.Database;

/**
 * What one masked pass of the leakage audit adds to the heap: loads a bank folder and a GNN bundle trained on it,
 * opens the model as trained, then for each input the audit masks opens it again on the masked copy, its graph sharing
 * the trained model's (as the audit does), and prints the live heap it added after a full collection, beside what
 * the audit's room check estimates for the data and graph ({@link MaskedCopyEstimate}).
 * Not a test: a heap reading depends on the JVM.
 *
 * <p>Usage: {@code MaskedCopyProbe <bank folder> <model bundle>}.
 */
public final class MaskedCopyProbe {
    private MaskedCopyProbe() {
    }

    public static void main(String[] args) throws IOException {
        Database db = DataSources.open(args[0]).load().database();
        Path bundle = Path.of(args[1]);
        try (EntityModel trained = ModelLoader.load(bundle, db)) {
            LeakageAudit.AuditPlan plan = LeakageAudit.AuditPlan.of(db.schema(), trained.query(),
                    trained.inputHops());
            List<InputMask> masks = new ArrayList<>();
            masks.add(InputMask.none());
            plan.tables().forEach(t -> masks.add(InputMask.rowsOf(t)));
            plan.entityColumns().forEach(c -> masks.add(InputMask.entityColumn(c)));
            long base = liveHeap();
            List<RowCounts.TableRows> rows = new ArrayList<>();
            db.tables().forEach(t -> rows.add(new RowCounts.TableRows(t.name(), t.rowCount(), RowCounts.Basis.EXACT)));
            MemoryEstimate whole = MemoryEstimate.of(db.schema(), new RowCounts(rows));
            System.out.printf(Locale.ROOT, "data and trained model: %.1f MB live; a copy with a whole graph of its own "
                    + "estimated at %.1f MB%n", base / 1e6, (whole.peakBytes() - whole.columnBytes()) / 1e6);
            for (InputMask mask : masks) {
                Database masked = mask.applyTo(db, plan.entityTable());
                try (EntityModel reopened = ModelLoader.load(bundle, masked, trained.sampledGraph().orElse(null))) {
                    System.out.printf(Locale.ROOT, "%-40s +%.1f MB live, estimated %.1f MB at peak%n", mask,
                            (liveHeap() - base) / 1e6, estimate(db, plan, mask).peakBytes() / 1e6);
                }
            }
        }
    }

    private static MaskedCopyEstimate estimate(Database db, LeakageAudit.AuditPlan plan, InputMask mask) {
        return mask.table() != null ? MaskedCopyEstimate.emptyTable(db, mask.table())
                : mask.entityColumn() != null ? MaskedCopyEstimate.nullColumn(db, plan.entityTable(),
                        mask.entityColumn())
                : new MaskedCopyEstimate(0, 0, 0, 0);
    }

    private static long liveHeap() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }
}

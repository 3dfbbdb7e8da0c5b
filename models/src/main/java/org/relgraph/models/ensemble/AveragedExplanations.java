package org.relgraph.models.ensemble;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relgraph.models.explain.EntityExplanation;
import org.relgraph.models.explain.Reason;
import org.relgraph.models.explain.RowCredit;

/**
 * Combines the members' explanations of one entity into the ensemble's: each reason's (or related row's)
 * attribution is the weighted sum of the members' (zero where a member has none), shares recomputed. Members must
 * have explained every reason (top 0), so a reason outside one member's top list still counts.
 */
final class AveragedExplanations {
    private AveragedExplanations() {
    }

    /**
     * @param members one explanation per member, all reasons kept, each with the ensemble's score
     * @param top     reasons to keep (all when not positive)
     */
    static EntityExplanation average(List<EntityExplanation> members, double[] weights, int k, int top) {
        Map<String, Reason> first = new LinkedHashMap<>();
        Map<String, Double> attribution = new LinkedHashMap<>();
        double output = 0;
        double baseline = 0;
        for (int j = 0; j < members.size(); j++) {
            EntityExplanation e = members.get(j);
            double w = weights[j];
            output += w * e.output();
            baseline += w * e.baselineOutput();
            for (Reason r : e.reasons()) {
                String key = r.table() + '\u0000' + r.ownRow() + '\u0000' + r.column() + '\u0000' + r.description();
                first.putIfAbsent(key, r);
                attribution.merge(key, w * r.attribution(), Double::sum);
            }
        }
        double total = attribution.values().stream().mapToDouble(Math::abs).sum();
        double sum = attribution.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Reason> reasons = new ArrayList<>();
        attribution.forEach((key, a) -> {
            Reason r = first.get(key);
            reasons.add(new Reason(r.table(), r.ownRow(), r.column(), r.description(), r.rows(), a,
                    total == 0 ? 0 : Math.abs(a) / total));
        });
        reasons.sort(Comparator.comparingDouble((Reason r) -> -Math.abs(r.attribution())).thenComparing(Reason::subject));
        List<Reason> kept = top > 0 && reasons.size() > top ? reasons.subList(0, top) : reasons;
        EntityExplanation e0 = members.get(0);
        return new EntityExplanation(e0.table(), e0.key(), e0.asOfMs(), "mean over " + k + " members of the "
                + e0.explainedOutput(), e0.score(), output, baseline, Math.abs(sum - (output - baseline)), e0.steps(),
                kept, e0.action());
    }

    /** The members' related-row credits of one entity combined, the {@code top} largest kept. */
    static List<RowCredit> averageRows(List<List<RowCredit>> members, double[] weights, int top) {
        Map<String, RowCredit> first = new LinkedHashMap<>();
        Map<String, Double> attribution = new LinkedHashMap<>();
        for (int j = 0; j < members.size(); j++) {
            for (RowCredit c : members.get(j)) {
                String key = c.table() + '\u0000' + c.key() + '\u0000' + c.when();
                first.putIfAbsent(key, c);
                attribution.merge(key, weights[j] * c.attribution(), Double::sum);
            }
        }
        double total = attribution.values().stream().mapToDouble(Math::abs).sum();
        List<RowCredit> out = new ArrayList<>();
        attribution.forEach((key, a) -> {
            RowCredit c = first.get(key);
            out.add(new RowCredit(c.table(), c.key(), c.when(), a, total == 0 ? 0 : Math.abs(a) / total));
        });
        out.sort(Comparator.comparingDouble((RowCredit c) -> -Math.abs(c.attribution())).thenComparing(RowCredit::table)
                .thenComparing(RowCredit::key));
        return List.copyOf(out.subList(0, Math.min(Math.max(0, top), out.size())));
    }
}

package org.relgraph.models.predict;

import java.util.List;
import org.relgraph.schema.SchemaException;

/**
 * Turns a rank into a recommended action by rank share, the way campaign teams size their lists: the top
 * {@code outreachShare} get "Priority Outreach", up to {@code nurtureShare} "Nurture Campaign", the rest
 * "Suppress". Shares, not score thresholds, so a list keeps its size when scores drift from day to day.
 */
public record ActionTiers(double outreachShare, double nurtureShare, List<String> labels) {
    public static final ActionTiers DEFAULT = new ActionTiers(0.10, 0.30,
            List.of("Priority Outreach", "Nurture Campaign", "Suppress"));

    public ActionTiers {
        if (!(outreachShare > 0 && outreachShare <= nurtureShare && nurtureShare <= 1)) {
            throw new SchemaException("tier shares must satisfy 0 < outreach <= nurture <= 1, got " + outreachShare
                    + " and " + nurtureShare, "e.g. --tiers 0.1,0.3 (top 10 % outreach, next 20 % nurture)");
        }
        labels = List.copyOf(labels);
        if (labels.size() != 3) {
            throw new IllegalArgumentException("three tier labels expected, got " + labels);
        }
    }

    /** Parses {@code "0.1,0.3"}. */
    public static ActionTiers parse(String shares) {
        String[] parts = shares.split(",");
        try {
            if (parts.length == 2) {
                return new ActionTiers(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()),
                        DEFAULT.labels());
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new SchemaException("cannot read tier shares '" + shares + "'",
                "give two fractions: outreach,nurture e.g. 0.1,0.3");
    }

    /** The action for the entity at 1-based {@code rank} among {@code total}. */
    public String actionFor(int rank, int total) {
        double share = (double) rank / Math.max(1, total);
        if (share <= outreachShare) {
            return labels.get(0);
        }
        return share <= nurtureShare ? labels.get(1) : labels.get(2);
    }
}

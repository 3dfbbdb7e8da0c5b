package org.relgraph.datasets.bank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores the task "customer opens a Mortgage in the 6 months after anchor T" with the generator's own latent
 * probabilities: for every customer who exists and holds no mortgage at T, the exact probability of opening one
 * given their profile and latent search state at T ({@link HouseSearchProcess#probabilityWithin}). No model that
 * sees only the tables can beat the AUROC of these scores, so it is the ceiling for any learned model.
 *
 * <p>It replays the same per-customer simulation as {@link BankGenerator} (same seed, same streams) with rows
 * discarded, so labels and states match the written files exactly. Cost: about the generator's time minus I/O.
 */
public final class MortgageOracle {
    public static final int HORIZON_MONTHS = 6;

    private final BankConfig config;
    private final BankCalendar calendar;

    public MortgageOracle(BankConfig config) {
        this.config = config;
        this.calendar = new BankCalendar(config.startDate(), config.months());
    }

    /** Anchor month index of a date: must be a month boundary of the history, leaving six months after it. */
    public int anchorMonth(LocalDate anchor) {
        for (int m = 0; m + HORIZON_MONTHS <= calendar.months(); m++) {
            if (calendar.monthStartDay(m) == anchor.toEpochDay()) {
                return m;
            }
        }
        throw new IllegalArgumentException("anchor " + anchor + " must be the first day of a month between "
                + config.startDate() + " and " + config.endDate().minusMonths(HORIZON_MONTHS));
    }

    public OracleResult evaluate(LocalDate anchor) {
        return evaluate(new int[] {anchorMonth(anchor)}).get(0);
    }

    /** One result per anchor month, all from a single replay of the customers. */
    public List<OracleResult> evaluate(int... anchorMonths) {
        for (int a : anchorMonths) {
            if (a < 0 || a + HORIZON_MONTHS > calendar.months()) {
                throw new IllegalArgumentException("anchor month " + a + " must be in [0, "
                        + (calendar.months() - HORIZON_MONTHS) + "]");
            }
        }
        HouseSearchProcess search = new HouseSearchProcess();
        CustomerSimulator simulator = new CustomerSimulator(config, calendar, search);
        int customers = config.customers();
        double[][] probabilities = new double[anchorMonths.length][customers];
        boolean[][] labels = new boolean[anchorMonths.length][customers];
        int[] eligible = new int[anchorMonths.length];
        for (int i = 0; i < customers; i++) {
            CustomerTimeline t = replay(simulator, i);
            for (int k = 0; k < anchorMonths.length; k++) {
                int a = anchorMonths[k];
                if (!isEligible(t, a)) {
                    continue;
                }
                int n = eligible[k]++;
                probabilities[k][n] = search.probabilityWithin(t.profile(), t.stateAtMonthStart()[a], HORIZON_MONTHS);
                labels[k][n] = t.mortgageOpenMonth() >= a && t.mortgageOpenMonth() < a + HORIZON_MONTHS;
            }
        }
        List<OracleResult> results = new ArrayList<>();
        for (int k = 0; k < anchorMonths.length; k++) {
            double[] p = Arrays.copyOf(probabilities[k], eligible[k]);
            boolean[] y = Arrays.copyOf(labels[k], eligible[k]);
            long positives = 0;
            double expectedPositives = 0;
            for (int i = 0; i < y.length; i++) {
                positives += y[i] ? 1 : 0;
                expectedPositives += p[i];
            }
            results.add(new OracleResult(config.startDate().plusMonths(anchorMonths[k]), anchorMonths[k],
                    eligible[k], positives, expectedPositives, Auroc.expected(p), Auroc.of(p, y)));
        }
        return results;
    }

    private boolean isEligible(CustomerTimeline t, int anchorMonth) {
        return t.profile().createdEpochDay() < calendar.monthStartDay(anchorMonth)
                && !t.mortgageAtFirstAppearance()
                && (t.mortgageOpenMonth() < 0 || t.mortgageOpenMonth() >= anchorMonth);
    }

    private static CustomerTimeline replay(CustomerSimulator simulator, long index) {
        try {
            return simulator.simulate(index, BankRowSink.DISCARD);
        } catch (IOException e) {
            throw new UncheckedIOException("a discarding sink cannot fail", e);
        }
    }
}

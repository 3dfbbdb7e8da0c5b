package org.relgraph.datasets.bank;

import java.util.SplittableRandom;

/**
 * The latent life event behind the mortgage task, and the only place its probabilities live, so the simulator
 * and the oracle cannot disagree.
 *
 * <p>Each month a customer who is not searching starts a house search with a hazard set by life stage, segment
 * and peer cluster. Half of searches are serious: the mortgage hazard is near zero for two months, peaks in
 * months 2–5, then fades; the search ends after {@value #SERIOUS_LENGTH} months. The other half are browsing:
 * the same burst of real-estate spending but a small mortgage hazard. Outside a search a small background
 * hazard remains (refinancing, buy-to-let). The mortgage hazard depends on nothing else — in particular not on
 * the transactions, balances or offers the simulator draws — so the probability of opening a mortgage over the
 * next months is an exact function of the profile and the state at the anchor: {@link #probabilityWithin}.
 */
final class HouseSearchProcess {
    static final double BASE_START_HAZARD = 0.01;
    static final double SERIOUS_SHARE = 0.5;
    static final double BACKGROUND_HAZARD = 0.0004;
    private static final double[] SERIOUS_HAZARD = {0.0, 0.02, 0.10, 0.18, 0.18, 0.14, 0.08, 0.05, 0.03, 0.02};
    private static final double[] BROWSING_HAZARD = {0.002, 0.004, 0.006, 0.006, 0.004, 0.002};
    static final int SERIOUS_LENGTH = SERIOUS_HAZARD.length;
    static final int BROWSING_LENGTH = BROWSING_HAZARD.length;

    double startHazard(CustomerProfile p) {
        return BASE_START_HAZARD * p.lifeStage().houseSearchMultiplier * p.segment().houseSearchMultiplier
                * p.cluster().houseSearchMultiplier;
    }

    /** Monthly probability of opening a mortgage, for a customer who holds none, in state {@code s}. */
    double mortgageHazard(CustomerProfile p, SearchState s) {
        double background = BACKGROUND_HAZARD * p.segment().houseSearchMultiplier;
        double search = switch (s.phase()) {
            case NONE -> 0.0;
            case SERIOUS -> SERIOUS_HAZARD[s.monthsIn()];
            case BROWSING -> BROWSING_HAZARD[s.monthsIn()];
        };
        return 1.0 - (1.0 - background) * (1.0 - search);
    }

    /** The state for the coming month given this month's; consumes exactly two draws whatever happens. */
    SearchState advance(SearchState s, CustomerProfile p, SplittableRandom rng) {
        double start = rng.nextDouble();
        double serious = rng.nextDouble();
        return switch (s.phase()) {
            case NONE -> start < startHazard(p)
                    ? new SearchState(serious < SERIOUS_SHARE ? SearchState.Phase.SERIOUS
                    : SearchState.Phase.BROWSING, 0)
                    : SearchState.NONE;
            case SERIOUS -> s.monthsIn() + 1 < SERIOUS_LENGTH
                    ? new SearchState(SearchState.Phase.SERIOUS, s.monthsIn() + 1) : SearchState.NONE;
            case BROWSING -> s.monthsIn() + 1 < BROWSING_LENGTH
                    ? new SearchState(SearchState.Phase.BROWSING, s.monthsIn() + 1) : SearchState.NONE;
        };
    }

    /**
     * Probability that a customer without a mortgage, in state {@code before} at the start of a month, opens one
     * within the next {@code months} months: forward recursion over the (small) state space, month by month
     * applying the same transition then the same hazard as the simulator.
     */
    double probabilityWithin(CustomerProfile p, SearchState before, int months) {
        // Index 0 = NONE, 1..SERIOUS_LENGTH = SERIOUS k-1, then BROWSING.
        int size = 1 + SERIOUS_LENGTH + BROWSING_LENGTH;
        double[] mass = new double[size];
        mass[index(before)] = 1.0;
        double opened = 0.0;
        double start = startHazard(p);
        for (int month = 0; month < months; month++) {
            double[] next = new double[size];
            next[0] += mass[0] * (1 - start);
            next[index(new SearchState(SearchState.Phase.SERIOUS, 0))] += mass[0] * start * SERIOUS_SHARE;
            next[index(new SearchState(SearchState.Phase.BROWSING, 0))] += mass[0] * start * (1 - SERIOUS_SHARE);
            for (int k = 0; k < SERIOUS_LENGTH; k++) {
                double m = mass[1 + k];
                next[k + 1 < SERIOUS_LENGTH ? 1 + k + 1 : 0] += m;
            }
            for (int k = 0; k < BROWSING_LENGTH; k++) {
                double m = mass[1 + SERIOUS_LENGTH + k];
                next[k + 1 < BROWSING_LENGTH ? 1 + SERIOUS_LENGTH + k + 1 : 0] += m;
            }
            for (int i = 0; i < size; i++) {
                double h = mortgageHazard(p, state(i));
                opened += next[i] * h;
                next[i] *= 1 - h;
            }
            mass = next;
        }
        return opened;
    }

    private static int index(SearchState s) {
        return switch (s.phase()) {
            case NONE -> 0;
            case SERIOUS -> 1 + s.monthsIn();
            case BROWSING -> 1 + SERIOUS_LENGTH + s.monthsIn();
        };
    }

    private static SearchState state(int index) {
        if (index == 0) {
            return SearchState.NONE;
        }
        if (index <= SERIOUS_LENGTH) {
            return new SearchState(SearchState.Phase.SERIOUS, index - 1);
        }
        return new SearchState(SearchState.Phase.BROWSING, index - 1 - SERIOUS_LENGTH);
    }
}

package org.relgraph.datasets.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HouseSearchProcessTest {
    private final HouseSearchProcess process = new HouseSearchProcess();
    private final CustomerProfile youngFamily = profile(LifeStage.YOUNG_FAMILY, SpendingCluster.NEST_BUILDERS);

    private static CustomerProfile profile(LifeStage stage, SpendingCluster cluster) {
        return new CustomerProfile(1, "Test Person", 33, false, stage, Segment.MASS_AFFLUENT, cluster,
                Channel.EMAIL, 0.0, 2.0, false, false, LocalDate.of(2015, 1, 1).toEpochDay(), 0, 1000, 5000,
                new double[MerchantCategory.values().length]);
    }

    /** The same chain the simulator runs: transition, then the hazard, month after month. */
    private double monteCarlo(CustomerProfile p, SearchState from, int months, int runs) {
        SplittableRandom rng = new SplittableRandom(99);
        int opened = 0;
        for (int r = 0; r < runs; r++) {
            SearchState s = from;
            for (int m = 0; m < months; m++) {
                s = process.advance(s, p, rng);
                if (rng.nextDouble() < process.mortgageHazard(p, s)) {
                    opened++;
                    break;
                }
            }
        }
        return opened / (double) runs;
    }

    @Test
    void exactProbabilityAgreesWithSimulatingTheChain() {
        int runs = 200_000;
        for (SearchState s : new SearchState[] {SearchState.NONE, new SearchState(SearchState.Phase.SERIOUS, 0),
            new SearchState(SearchState.Phase.SERIOUS, 7), new SearchState(SearchState.Phase.BROWSING, 2)}) {
            double exact = process.probabilityWithin(youngFamily, s, 6);
            double simulated = monteCarlo(youngFamily, s, 6, runs);
            double sigma = Math.sqrt(exact * (1 - exact) / runs);
            assertEquals(exact, simulated, 4 * sigma + 1e-4, s.toString());
        }
    }

    @Test
    void seriousSearchPeaksTwoToFiveMonthsIn() {
        double[] hazard = new double[HouseSearchProcess.SERIOUS_LENGTH];
        for (int k = 0; k < hazard.length; k++) {
            hazard[k] = process.mortgageHazard(youngFamily, new SearchState(SearchState.Phase.SERIOUS, k));
        }
        int peak = 0;
        for (int k = 1; k < hazard.length; k++) {
            peak = hazard[k] > hazard[peak] ? k : peak;
        }
        assertTrue(peak >= 2 && peak <= 5, "peak at month " + peak);
        assertTrue(hazard[0] < hazard[peak] / 5, "little chance in the first month of a search");
    }

    @Test
    void rowLevelTraitsShiftTheBaseRate() {
        CustomerProfile retired = profile(LifeStage.RETIRED, SpendingCluster.NEST_BUILDERS);
        CustomerProfile travellingFamily = profile(LifeStage.YOUNG_FAMILY, SpendingCluster.TRAVELLERS);
        double family = process.probabilityWithin(youngFamily, SearchState.NONE, 6);
        assertTrue(family > 3 * process.probabilityWithin(retired, SearchState.NONE, 6));
        assertTrue(family > 2 * process.probabilityWithin(travellingFamily, SearchState.NONE, 6));
    }
}

package org.relgraph.gnn.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Log1pTest {
    @Test
    void withinTwoUlpsOfMathLog1pFromMinusOneToHugeValues() {
        Random random = new Random(7);
        for (int i = 0; i < 1_000_000; i++) {
            double x = i % 3 == 0 ? -random.nextDouble() : Math.exp(random.nextDouble() * 120 - 60);
            double expected = Math.log1p(x);
            double got = Log1p.of(x);
            if (!(Math.abs(expected - got) <= 2 * Math.ulp(expected))) {
                assertEquals(expected, got, "log1p(" + x + ")");
            }
        }
    }

    @Test
    void edgeCasesMatchMathLog1p() {
        double[] xs = {0.0, -0.0, 1e-300, -1e-17, 1e-16, -1.0, -1.5, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE, 1.0, 1e6};
        for (double x : xs) {
            double expected = Math.log1p(x);
            if (Double.isFinite(expected)) {
                assertEquals(expected, Log1p.of(x), Math.ulp(expected) * 2, "log1p(" + x + ")");
            } else {
                assertEquals(expected, Log1p.of(x), "log1p(" + x + ")"); // NaN and the infinities exactly
            }
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Log1p.of(-0.0)));
    }
}

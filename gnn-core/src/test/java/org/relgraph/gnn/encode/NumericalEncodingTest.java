package org.relgraph.gnn.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.gnn.encode.TestTables.numeric;
import static org.relgraph.gnn.encode.TestTables.numerical;
import static org.relgraph.gnn.encode.TestTables.rows;
import static org.relgraph.gnn.encode.TestTables.table;

import org.junit.jupiter.api.Test;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.Table;

class NumericalEncodingTest {
    private static NumericalEncoding fit(DoubleColumn c) {
        return NumericalEncoding.fit(c, rows(c.size()), EncodingConfig.defaults());
    }

    @Test
    void oneHugeOutlierDoesNotSquashOrdinaryValues() {
        // Includes negatives so no log transform: this is about the scaling alone.
        DoubleColumn c = numerical("balance", -4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 1e9);
        NumericalEncoding enc = fit(c);

        assertFalse(enc.logTransform());
        assertEquals(0.5, enc.median(), 1e-12);
        // IQR of the ten values is 4.5 (type-7 quantiles -1.75 and 2.75), whatever the outlier's size.
        assertEquals(4.5 / 1.349, enc.scale(), 1e-12);
        assertEquals((4.0 - 0.5) / (4.5 / 1.349), enc.scaled(4.0), 1e-12);
        // Mean/std scaling would put -4 and 4 about 3e-8 apart.
        assertTrue(enc.scaled(4.0) - enc.scaled(-4.0) > 2, "ordinary values stay spread out");
        assertEquals(5.0, enc.scaled(1e9), "the outlier is clipped");
        assertEquals(-5.0, enc.scaled(-1e12));
    }

    @Test
    void heavyRightSkewIsLogTransformedButSymmetricOrNegativeDataIsNot() {
        Double[] skewed = new Double[100];
        for (int i = 0; i < skewed.length; i++) {
            skewed[i] = i < 95 ? (double) (i % 10) : 10_000.0 * i;
        }
        NumericalEncoding log = fit(numerical("amount", skewed));
        assertTrue(log.logTransform());
        // 50 of the 95 small values are 0..4, so the median lies between a 4 and a 5, in log space.
        assertEquals((Math.log1p(4) + Math.log1p(5)) / 2, log.median(), 1e-12);
        assertEquals(log.scaled(0), log.scaled(-3), 1e-12, "negatives never seen in fitting count as 0");

        assertFalse(fit(numerical("x", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0)).logTransform());
        Double[] negativeSkewed = skewed.clone();
        negativeSkewed[0] = -1.0;
        assertFalse(fit(numerical("x", negativeSkewed)).logTransform(), "log1p needs non-negative data");
    }

    @Test
    void tiedValuesFallBackToMeanAbsoluteDeviationAndConstantsToUnitScale() {
        NumericalEncoding mostlyZero = fit(numerical("refunds", 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -2.0, 2.0));
        assertEquals(0.0, mostlyZero.median());
        assertEquals(4.0 / 8 * 1.2533, mostlyZero.scale(), 1e-12);

        NumericalEncoding constant = fit(numerical("c", 7.0, 7.0, 7.0));
        assertEquals(1.0, constant.scale());
        assertEquals(0.0, constant.scaled(7.0));
    }

    @Test
    void missingValuesGetZeroAndTheFlag() {
        DoubleColumn c = numerical("amount", 1.0, null, 3.0, Double.NaN, 5.0);
        NumericalEncoding enc = fit(c);
        assertEquals(3, enc.fitCount(), "null and NaN are not fitted on");

        Table t = table("t", null, c);
        float[][] m = numeric(TableEncoding.fit(t, 0).bind(t).encode(rows(5), 0L));
        assertEquals((float) enc.scaled(1.0), m[0][0]);
        assertEquals(0f, m[0][1]);
        assertEquals(0f, m[1][0]);
        assertEquals(1f, m[1][1]);
        assertEquals(1f, m[3][1], "NaN counts as missing");
    }
}

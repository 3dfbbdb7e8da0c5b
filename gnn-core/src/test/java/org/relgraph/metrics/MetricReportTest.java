package org.relgraph.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class MetricReportTest {
    @Test
    void keepsInsertionOrderAndFormatsCountsValuesAndGaps() {
        MetricReport r = MetricReport.builder()
                .value("rmse", 2.0)
                .count("count", 1200)
                .value("r2", Double.NaN)
                .build();
        assertEquals(List.of("rmse", "count", "r2"), r.names());
        assertEquals(String.join(System.lineSeparator(), "rmse   2.0000", "count  1200", "r2     n/a"), r.format());
        assertEquals(1200, r.get("count"));
        assertThrows(NoSuchElementException.class, () -> r.get("mae"));
    }

    @Test
    void formatsWithADecimalPointInAnyLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY); // whose default would print 0,7500
            assertEquals("auroc  0.7500", MetricReport.builder().value("auroc", 0.75).build().format());
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void refusesAMetricTwice() {
        MetricReport first = MetricReport.builder().value("auroc", 0.8).build();
        MetricReport.Builder b = MetricReport.builder().addAll(first);
        assertThrows(IllegalArgumentException.class, () -> b.value("auroc", 0.9));
    }
}

package org.relgraph.gnn.encode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.relgraph.schema.SemanticType;
import org.relgraph.table.Column;
import org.relgraph.table.LongColumn;

/**
 * A timestamp column (including a table's own time column) as calendar features plus its age at the seed time.
 *
 * <p>Features, in order: month-of-year sin/cos, day-of-week sin/cos (all UTC), hour-of-day sin/cos (fractional
 * hours, only when {@code timeOfDay}), age, missing flag. Cyclic features use sin/cos so December sits next to
 * January. {@code timeOfDay} is decided at fit time: it is on when some fit value is not at midnight UTC, because
 * date-only columns would otherwise get two constant features.
 *
 * <p>Age is {@code seed time - value} in days, scaled by {@code sign(d) * log1p(|d|)}: it is what a model needs
 * to tell "opened yesterday" from "opened ten years ago", and the log keeps decades within ±10. It is signed because
 * a non-time column (a due date, say) may lie after the seed time. Because of the age, the encoding of a row
 * depends on the seed time passed at encoding time. A null encodes as all zeros with the missing flag set.
 *
 * @param fitCount number of non-null values seen when fitting
 */
public record TimestampEncoding(String column, boolean timeOfDay, int fitCount) implements NumericColumnEncoding {
    static final long MS_PER_DAY = 86_400_000L;
    private static final double MS_PER_HOUR = 3_600_000.0;
    private static final double TWO_PI = 2 * Math.PI;

    // Month and weekday are whole numbers, so their angles come from tables instead of per-row trigonometry.
    private static final float[] MONTH_SIN = cycle(12, true);
    private static final float[] MONTH_COS = cycle(12, false);
    private static final float[] WEEKDAY_SIN = cycle(7, true);
    private static final float[] WEEKDAY_COS = cycle(7, false);

    static TimestampEncoding fit(LongColumn values, int[] fitRows) {
        boolean timeOfDay = false;
        int n = 0;
        for (int r : fitRows) {
            if (!values.isNull(r)) {
                n++;
                timeOfDay |= Math.floorMod(values.values()[r], MS_PER_DAY) != 0;
            }
        }
        return new TimestampEncoding(values.name(), timeOfDay, n);
    }

    @Override
    public SemanticType type() {
        return SemanticType.TIMESTAMP;
    }

    @Override
    public List<NumericFeature> features() {
        List<NumericFeature> f = new ArrayList<>();
        f.add(NumericFeature.of(column, FeatureKind.MONTH_SIN));
        f.add(NumericFeature.of(column, FeatureKind.MONTH_COS));
        f.add(NumericFeature.of(column, FeatureKind.WEEKDAY_SIN));
        f.add(NumericFeature.of(column, FeatureKind.WEEKDAY_COS));
        if (timeOfDay) {
            f.add(NumericFeature.of(column, FeatureKind.HOUR_SIN));
            f.add(NumericFeature.of(column, FeatureKind.HOUR_COS));
        }
        f.add(NumericFeature.of(column, FeatureKind.AGE));
        f.add(NumericFeature.of(column, FeatureKind.MISSING));
        return f;
    }

    @Override
    public NumericColumnWriter bind(Column column) {
        LongColumn c = (LongColumn) column;
        long[] values = c.values();
        int width = features().size();
        return (rows, seedTimesMs, out, stride, offset) -> {
            for (int i = 0; i < rows.length; i++) {
                int r = rows[i];
                int at = i * stride + offset;
                if (c.isNull(r)) {
                    out[at + width - 1] = 1f;
                    continue;
                }
                long t = values[r];
                long day = Math.floorDiv(t, MS_PER_DAY);
                int month0 = LocalDate.ofEpochDay(day).getMonthValue() - 1;
                int weekday0 = weekdayMondayZero(day);
                out[at++] = MONTH_SIN[month0];
                out[at++] = MONTH_COS[month0];
                out[at++] = WEEKDAY_SIN[weekday0];
                out[at++] = WEEKDAY_COS[weekday0];
                if (timeOfDay) {
                    double angle = TWO_PI * (Math.floorMod(t, MS_PER_DAY) / MS_PER_HOUR) / 24;
                    out[at++] = (float) Math.sin(angle);
                    out[at++] = (float) Math.cos(angle);
                }
                out[at] = (float) signedLog1p((seedTimesMs[i] - t) / (double) MS_PER_DAY);
            }
        };
    }

    /** Day of week with Monday = 0; 1970-01-01 (epoch day 0) was a Thursday. */
    static int weekdayMondayZero(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7L);
    }

    static double signedLog1p(double x) {
        return Math.copySign(Log1p.of(Math.abs(x)), x);
    }

    private static float[] cycle(int period, boolean sin) {
        float[] t = new float[period];
        for (int k = 0; k < period; k++) {
            double angle = TWO_PI * k / period;
            t[k] = (float) (sin ? Math.sin(angle) : Math.cos(angle));
        }
        return t;
    }
}

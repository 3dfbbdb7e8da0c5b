package org.relgraph.spark;

import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.relgraph.query.TimeWindow;

/**
 * Pairs a row time with the anchors whose window {@code (anchor + start, anchor + end]} holds it, so a table's
 * rows meet the anchors without a join: each row becomes one row per anchor it belongs to. The windows' bounds are
 * computed on the driver with {@link TimeWindow} (calendar months included) and shipped with the function; both
 * bounds grow with the anchor, so the anchors of one row time are a contiguous run found by binary search, and a
 * row costs {@code O(log anchors)} plus its matches instead of a comparison with every anchor.
 */
final class AnchorWindows {
    private final long[] anchors;
    private final long[] lo;
    private final long[] hi;

    /** @param sortedAnchors distinct anchor times, ascending */
    AnchorWindows(long[] sortedAnchors, TimeWindow window) {
        this.anchors = sortedAnchors.clone();
        this.lo = new long[anchors.length];
        this.hi = new long[anchors.length];
        for (int i = 0; i < anchors.length; i++) {
            lo[i] = window.startTime(anchors[i]);
            hi[i] = window.endTime(anchors[i]);
        }
    }

    /** One row per anchor whose window holds {@code time} (a LONG column of epoch ms); null times match none. */
    Column explodeAnchors(Column time) {
        return explode(function().apply(time));
    }

    private UserDefinedFunction function() {
        long[] a = anchors;
        long[] l = lo;
        long[] h = hi;
        UDF1<Long, List<Long>> containing = t -> containing(a, l, h, t);
        return udf(containing, DataTypes.createArrayType(DataTypes.LongType, false)).asNonNullable();
    }

    static List<Long> containing(long[] anchors, long[] lo, long[] hi, Long time) {
        List<Long> out = new ArrayList<>(2);
        if (time == null) {
            return out;
        }
        int first = firstWithHiAtLeast(hi, time);
        for (int i = first; i < anchors.length && lo[i] < time; i++) {
            if (time <= hi[i]) {
                out.add(anchors[i]);
            }
        }
        return out;
    }

    private static int firstWithHiAtLeast(long[] hi, long t) {
        int a = 0;
        int b = hi.length;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (hi[mid] < t) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        return a;
    }
}

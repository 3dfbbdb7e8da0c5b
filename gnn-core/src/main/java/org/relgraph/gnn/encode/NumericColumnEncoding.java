package org.relgraph.gnn.encode;

import java.util.List;
import org.relgraph.table.Column;

/** A column encoding whose output is a fixed number of float features per row. */
public sealed interface NumericColumnEncoding extends ColumnEncoding
        permits NumericalEncoding, BooleanEncoding, TimestampEncoding, TextHashEncoding {

    /** The features this column contributes, in output order. */
    List<NumericFeature> features();

    /**
     * Prepares to encode rows of {@code column}, which the caller has checked has {@link #type()} (and therefore
     * the storage class that type implies).
     */
    NumericColumnWriter bind(Column column);
}

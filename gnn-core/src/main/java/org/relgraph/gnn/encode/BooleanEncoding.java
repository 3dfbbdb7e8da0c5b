package org.relgraph.gnn.encode;

import java.util.List;
import org.relgraph.schema.SemanticType;
import org.relgraph.table.Column;
import org.relgraph.table.DoubleColumn;

/** A boolean column as 0/1 plus a missing flag (a null encodes as 0 with the flag set). Nothing to fit. */
public record BooleanEncoding(String column) implements NumericColumnEncoding {
    @Override
    public SemanticType type() {
        return SemanticType.BOOLEAN;
    }

    @Override
    public List<NumericFeature> features() {
        return List.of(NumericFeature.of(column, FeatureKind.VALUE), NumericFeature.of(column, FeatureKind.MISSING));
    }

    @Override
    public NumericColumnWriter bind(Column column) {
        DoubleColumn c = (DoubleColumn) column;
        double[] values = c.values();
        return (rows, seedTimesMs, out, stride, offset) -> {
            for (int i = 0; i < rows.length; i++) {
                int r = rows[i];
                int at = i * stride + offset;
                if (c.isNull(r)) {
                    out[at + 1] = 1f;
                } else if (values[r] != 0) {
                    out[at] = 1f;
                }
            }
        };
    }
}

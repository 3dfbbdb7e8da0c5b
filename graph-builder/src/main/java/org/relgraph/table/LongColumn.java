package org.relgraph.table;

import java.time.Instant;
import java.util.BitSet;
import org.relgraph.schema.SemanticType;

/** Timestamps (epoch milliseconds, UTC) or integer keys. */
public record LongColumn(String name, SemanticType type, long[] values, BitSet nulls) implements Column {
    public LongColumn {
        if (type != SemanticType.TIMESTAMP && type != SemanticType.ID) {
            throw new IllegalArgumentException("LongColumn holds timestamps or integer ids, not " + type);
        }
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isNull(int row) {
        return nulls.get(row);
    }

    public long get(int row) {
        return values[row];
    }

    @Override
    public String format(int row) {
        if (isNull(row)) {
            return null;
        }
        return type == SemanticType.TIMESTAMP ? Instant.ofEpochMilli(values[row]).toString()
                : Long.toString(values[row]);
    }
}

package org.relgraph.table;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds the row holding a primary-key value. Integer keys use an open-addressing table of primitives
 * (a {@code HashMap<Long,Integer>} costs ~5x the memory at 10M rows); string keys map dictionary codes.
 */
public final class KeyIndex {
    public static final int MISSING = -1;

    private final long[] slotsKey;
    private final int[] slotsRow;
    private final int mask;
    private final Map<String, Integer> byString;

    private KeyIndex(long[] slotsKey, int[] slotsRow, Map<String, Integer> byString) {
        this.slotsKey = slotsKey;
        this.slotsRow = slotsRow;
        this.mask = slotsKey == null ? 0 : slotsKey.length - 1;
        this.byString = byString;
    }

    /**
     * Indexes a primary-key column. Null keys are skipped; the first row wins on a duplicate
     * (validation reports duplicates before this matters).
     */
    public static KeyIndex of(Column pk) {
        if (pk instanceof LongColumn lc) {
            int cap = slotsFor(lc.size());
            long[] keys = new long[cap];
            int[] rows = new int[cap];
            java.util.Arrays.fill(rows, MISSING);
            int m = cap - 1;
            for (int r = 0; r < lc.size(); r++) {
                if (lc.isNull(r)) {
                    continue;
                }
                long k = lc.get(r);
                int s = mix(k) & m;
                while (rows[s] != MISSING && keys[s] != k) {
                    s = (s + 1) & m;
                }
                if (rows[s] == MISSING) {
                    keys[s] = k;
                    rows[s] = r;
                }
            }
            return new KeyIndex(keys, rows, null);
        }
        Map<String, Integer> map = new HashMap<>(pk.size() * 2);
        for (int r = 0; r < pk.size(); r++) {
            String v = pk.format(r);
            if (v != null) {
                map.putIfAbsent(v, r);
            }
        }
        return new KeyIndex(null, null, map);
    }

    /**
     * Slots of the table for {@code keys} integer keys: a power of two at least twice the keys (load at most half),
     * each slot a long key and an int row, 12 bytes; {@code MemoryEstimate} counts them.
     */
    public static int slotsFor(int keys) {
        return Integer.highestOneBit(Math.max(4, keys * 2 - 1)) << 1;
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    public int rowOf(long key) {
        if (byString != null) {
            return rowOf(Long.toString(key));
        }
        int s = mix(key) & mask;
        while (slotsRow[s] != MISSING) {
            if (slotsKey[s] == key) {
                return slotsRow[s];
            }
            s = (s + 1) & mask;
        }
        return MISSING;
    }

    public int rowOf(String key) {
        if (byString != null) {
            Integer r = byString.get(key);
            return r == null ? MISSING : r;
        }
        try {
            return rowOf(Long.parseLong(key.trim()));
        } catch (NumberFormatException e) {
            return MISSING;
        }
    }

    /**
     * For every row of a foreign-key column, the parent row it references, or {@link #MISSING} when the
     * key is null or matches no parent.
     */
    public int[] resolve(Column fk) {
        int[] out = new int[fk.size()];
        if (fk instanceof LongColumn lc) {
            for (int r = 0; r < out.length; r++) {
                out[r] = lc.isNull(r) ? MISSING : rowOf(lc.get(r));
            }
        } else if (fk instanceof CategoricalColumn cc) {
            int[] parentOfCode = new int[cc.cardinality()];
            for (int c = 0; c < parentOfCode.length; c++) {
                parentOfCode[c] = rowOf(cc.dictionary().get(c));
            }
            for (int r = 0; r < out.length; r++) {
                int c = cc.code(r);
                out[r] = c == CategoricalColumn.NULL_CODE ? MISSING : parentOfCode[c];
            }
        } else {
            for (int r = 0; r < out.length; r++) {
                String v = fk.format(r);
                out[r] = v == null ? MISSING : rowOf(v);
            }
        }
        return out;
    }
}

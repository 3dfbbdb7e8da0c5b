package org.relgraph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteSizesTest {
    @Test
    void eachUnitIsBinaryWithOneDecimal() {
        assertEquals("0 B", ByteSizes.format(0));
        assertEquals("1023 B", ByteSizes.format(1023));
        assertEquals("1.0 KB", ByteSizes.format(1024));
        assertEquals("1.5 KB", ByteSizes.format(1536));
        assertEquals("512.0 MB", ByteSizes.format(512L << 20));
        assertEquals("14.1 GB", ByteSizes.format((long) (14.1 * (1L << 30))));
        assertEquals("2.0 TB", ByteSizes.format(2L << 40));
        assertEquals("2048.0 TB", ByteSizes.format(2L << 50));
    }
}

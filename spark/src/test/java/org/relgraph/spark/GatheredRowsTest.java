package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.collection.immutable.ArraySeq;
import scala.reflect.ClassTag$;

/**
 * {@link GatheredRows}: the rows a training partition's chunks give back, after Spark's shuffle serialiser wrote
 * and read them, are the rows they were built from (every field, every null, every list element and null element),
 * per partition key and across chunk boundaries; only the node rows' seed key, which training does not read, comes
 * back null.
 */
class GatheredRowsTest {
    private static final SerializerInstance SHUFFLE = new JavaSerializer(new SparkConf()).newInstance();

    @Test
    void nodeRowsComeBackFieldForFieldPerPartitionAcrossChunks() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            boolean root = i % 5 == 0; // a hop-0 row: no time edge, parent table or parent row
            rows.add(RowFactory.create(i % 3, "CUST-" + i, 1000L + i, 1_700_000_000_000L + i, 1_600_000_000_000L - i,
                    root ? 0 : 1 + i % 2, i % 2 == 0 ? "customers" : "transactions", (long) i * 7,
                    i % 4 == 0 ? null : 1_500_000_000_000L + i, root ? null : "customer_id",
                    root ? null : "customers", root ? null : (long) i, (long) (1 + i % 3)));
        }
        Map<Integer, List<Row>> back = roundTrip(GatheredRows.Kind.NODES, rows, 4);
        for (int p = 0; p < 3; p++) {
            List<Row> expected = new ArrayList<>();
            for (Row r : rows) {
                if (r.getInt(0) == p) {
                    Object[] fields = new Object[r.size()];
                    for (int c = 0; c < r.size(); c++) {
                        fields[c] = c == 1 ? null : r.get(c); // the seed key is not shipped
                    }
                    expected.add(RowFactory.create(fields));
                }
            }
            assertEquals(expected, back.get(p), "partition " + p);
        }
        assertNull(back.get(1).get(0).get(1));
    }

    @Test
    void valueAndSummaryRowsComeBackWithTheirListsAndNulls() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            if (i % 3 == 2) { // a summary row: no values, a summary as of a time
                rows.add(RowFactory.create(i % 2, "customers", (long) i, 1_600_000_000_000L + i, null, null, null,
                        seq(0.5f * i, -1f, Float.MIN_VALUE)));
            } else {
                rows.add(RowFactory.create(i % 2, i % 2 == 0 ? "accounts" : "customers", (long) i, null,
                        seq(1.25 * i, i % 4 == 0 ? null : -1e300),
                        seq((long) i, i % 5 == 0 ? null : Long.MIN_VALUE),
                        i == 4 ? seq() : seq("Mortgage", i % 3 == 0 ? null : "café " + i, "Mortgage"), null));
            }
        }
        Map<Integer, List<Row>> back = roundTrip(GatheredRows.Kind.VALUES, rows, 3);
        for (int p = 0; p < 2; p++) {
            int key = p;
            assertEquals(rows.stream().filter(r -> r.getInt(0) == key).toList(), back.get(p), "partition " + p);
        }
        // the lists read back as MaterialisedRows reads them: boxed elements of the stored kind
        Row first = back.get(0).get(0);
        assertEquals(Double.class, first.getList(4).get(0).getClass());
        assertEquals(Long.class, first.getList(5).get(0).getClass());
        Row summary = back.get(0).stream().filter(r -> !r.isNullAt(7)).findFirst().orElseThrow();
        assertEquals(Float.class, summary.getList(7).get(0).getClass());
    }

    @Test
    void aRowOfAnotherLayoutIsRefused() {
        Iterator<Tuple2<Integer, GatheredRows>> chunks = GatheredRows.chunks(GatheredRows.Kind.VALUES,
                List.of(RowFactory.create(0, "customers", 1L)).iterator());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, chunks::hasNext);
        assertEquals("a VALUES row of 3 fields; the layout has 8", e.getMessage());
    }

    /** Chunks of {@code rows}, each written and read by Spark's shuffle serialiser, rows back per key in order. */
    private static Map<Integer, List<Row>> roundTrip(GatheredRows.Kind kind, List<Row> rows, int chunkRows) {
        Map<Integer, List<GatheredRows>> chunks = new HashMap<>();
        Iterator<Tuple2<Integer, GatheredRows>> it = GatheredRows.chunks(kind, rows.iterator(), chunkRows);
        int count = 0;
        while (it.hasNext()) {
            Tuple2<Integer, GatheredRows> c = it.next();
            ByteBuffer bytes = SHUFFLE.serialize(c._2(), ClassTag$.MODULE$.apply(GatheredRows.class));
            GatheredRows read = SHUFFLE.deserialize(bytes, ClassTag$.MODULE$.apply(GatheredRows.class));
            assertEquals(kind, read.kind());
            chunks.computeIfAbsent(c._1(), k -> new ArrayList<>()).add(read);
            count++;
        }
        long perKeyChunks = rows.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.getInt(0),
                java.util.stream.Collectors.counting())).values().stream()
                .mapToLong(n -> (n + chunkRows - 1) / chunkRows).sum();
        assertEquals(perKeyChunks, count, "chunks of at most " + chunkRows + " rows per key");
        Map<Integer, List<Row>> out = new HashMap<>();
        chunks.forEach((key, list) -> {
            // chunks of a key leave the map side in any order; each chunk keeps its rows' order, and they are
            // numbered here by their first row's position in the input to put them back in order
            list.sort(java.util.Comparator.comparingInt(c -> position(rows, c.rows().next())));
            List<Row> mine = new ArrayList<>();
            list.forEach(c -> c.rows().forEachRemaining(mine::add));
            out.put(key, mine);
        });
        return out;
    }

    private static int position(List<Row> rows, Row first) {
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.getInt(0) == first.getInt(0) && r.getLong(2) == first.getLong(2)) {
                return i;
            }
        }
        throw new AssertionError("a chunk's first row is not in the input: " + first);
    }

    @SafeVarargs
    private static <T> ArraySeq<Object> seq(T... values) {
        return ArraySeq.unsafeWrapArray(Arrays.copyOf(values, values.length, Object[].class));
    }
}

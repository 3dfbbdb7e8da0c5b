package org.relgraph.gnn.encode;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.CategoricalColumnBuilder;
import org.relgraph.table.Column;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * Measures how many rows per second {@link RowEncoder} encodes for a 6-column table (time, two numericals, a
 * boolean, a categorical, a text) of 100k rows, in shuffled order with per-row seed times as a sampler would ask.
 * A measurement tool, not a test: timings belong in no assertion. Run with the test classpath:
 * {@code java -cp <test classpath> org.relgraph.gnn.encode.EncodingThroughputProbe [rows] [repeats]}.
 */
public final class EncodingThroughputProbe {
    private static final long DAY = 86_400_000L;
    private static final long START = 1_577_836_800_000L; // 2020-01-01T00:00:00Z

    private EncodingThroughputProbe() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Table table = syntheticTransactions(n, new Random(42));

        long t0 = System.nanoTime();
        TableEncoding encoding = TableEncoding.fit(table, START + 3 * 365 * DAY);
        long fitNs = System.nanoTime() - t0;
        RowEncoder encoder = encoding.bind(table);

        Random random = new Random(7);
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = rows[i];
            rows[i] = rows[j];
            rows[j] = tmp;
        }
        long[] seeds = new long[n];
        for (int i = 0; i < n; i++) {
            seeds[i] = START + 4 * 365 * DAY + random.nextInt(365) * DAY;
        }

        double[] rowsPerSecond = new double[repeats];
        double checksum = 0;
        for (int warmup = 0; warmup < 5; warmup++) {
            checksum += encoder.encode(rows, seeds).numeric().getDouble(0, 0);
        }
        for (int k = 0; k < repeats; k++) {
            long s = System.nanoTime();
            EncodedBatch batch = encoder.encode(rows, seeds);
            long e = System.nanoTime();
            checksum += batch.numeric().getDouble(k % n, 0) + batch.categoryCode(k % n, 0);
            rowsPerSecond[k] = n / ((e - s) / 1e9);
        }
        Arrays.sort(rowsPerSecond);

        long[] relative = new long[n];
        for (int i = 0; i < n; i++) {
            relative[i] = (long) (random.nextDouble() * 1000 * DAY);
        }
        long r0 = System.nanoTime();
        for (int k = 0; k < repeats; k++) {
            checksum += RelativeTimeEncoding.encode(relative).getDouble(0, 0);
        }
        double relativePerSecond = (double) n * repeats / ((System.nanoTime() - r0) / 1e9);

        System.out.printf("table: %d rows, %d numeric features, %d categorical columns%n", n,
                encoding.layout().numericWidth(), encoding.layout().categoricalCount());
        System.out.printf("fit: %.1f ms%n", fitNs / 1e6);
        System.out.printf("encode: median %.0f rows/s (min %.0f, max %.0f) over %d runs of %d rows%n",
                rowsPerSecond[repeats / 2], rowsPerSecond[0], rowsPerSecond[repeats - 1], repeats, n);
        System.out.printf("relative time: %.0f nodes/s%n", relativePerSecond);
        System.out.printf("(checksum %.3f)%n", checksum);
    }

    private static Table syntheticTransactions(int n, Random random) {
        long[] time = new long[n];
        double[] amount = new double[n];
        double[] items = new double[n];
        double[] online = new double[n];
        BitSet amountNulls = new BitSet();
        String[] channels = new String[60];
        Arrays.setAll(channels, i -> "channel-" + i);
        String[] words = {"refund", "gift", "monthly", "rent", "salary", "coffee", "transfer", "card", "fee", "bonus"};
        CategoricalColumnBuilder channel = new CategoricalColumnBuilder("channel", SemanticType.CATEGORICAL, n);
        CategoricalColumnBuilder memo = new CategoricalColumnBuilder("memo", SemanticType.TEXT, n);
        for (int i = 0; i < n; i++) {
            time[i] = START + (long) (random.nextDouble() * 5 * 365 * DAY);
            amount[i] = Math.exp(random.nextGaussian() * 2 + 3);
            if (random.nextInt(50) == 0) {
                amountNulls.set(i);
            }
            items[i] = random.nextInt(20);
            online[i] = random.nextBoolean() ? 1 : 0;
            channel.add(channels[(int) Math.min(channels.length - 1, Math.abs(random.nextGaussian()) * 15)]);
            memo.add(random.nextInt(10) == 0 ? null : words[random.nextInt(words.length)] + " "
                    + words[random.nextInt(words.length)] + " " + random.nextInt(100));
        }
        List<Column> columns = List.of(
                new LongColumn("ts", SemanticType.TIMESTAMP, time, new BitSet()),
                new DoubleColumn("amount", SemanticType.NUMERICAL, amount, amountNulls),
                new DoubleColumn("items", SemanticType.NUMERICAL, items, new BitSet()),
                new DoubleColumn("online", SemanticType.BOOLEAN, online, new BitSet()),
                channel.build(),
                memo.build());
        List<ColumnSchema> schema = columns.stream().map(c -> new ColumnSchema(c.name(), c.type())).toList();
        return new Table(new TableSchema("transactions", schema, null, "ts", List.of()), columns);
    }
}

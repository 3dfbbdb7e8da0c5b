package org.relgraph.models.bundle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;
import org.relgraph.table.Database;

/**
 * A short hash identifying the data a model was trained on: table names, row counts, and the values of each
 * table's primary key and time column. Cheap to compute on millions of rows, and it changes when rows are added,
 * removed or re-timed, which is what decides whether a model's metrics still describe the data.
 */
public final class DataFingerprint {
    private DataFingerprint() {
    }

    /** "sha256:" and the first 16 bytes of the digest, hex. */
    public static String of(Database db) {
        MessageDigest digest = sha256();
        for (Table t : db.tables()) {
            update(digest, t.name());
            digest.update(ByteBuffer.allocate(4).putInt(t.rowCount()).array());
            t.schema().primaryKeyOpt().flatMap(t::column).ifPresent(c -> update(digest, c));
            t.timeColumn().ifPresent(c -> update(digest, c));
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    private static void update(MessageDigest digest, Column c) {
        update(digest, c.name());
        ByteBuffer buf = ByteBuffer.allocate(8 * 1024);
        for (int r = 0; r < c.size(); r++) {
            if (buf.remaining() < 8) {
                digest.update(buf.array(), 0, buf.position());
                buf.clear();
            }
            if (c.isNull(r)) {
                buf.putLong(Long.MIN_VALUE);
            } else if (c instanceof LongColumn l) {
                buf.putLong(l.get(r));
            } else if (c instanceof DoubleColumn d) {
                buf.putLong(Double.doubleToLongBits(d.values()[r]));
            } else if (c instanceof CategoricalColumn k) {
                digest.update(buf.array(), 0, buf.position());
                buf.clear();
                update(digest, k.get(r));
            }
        }
        digest.update(buf.array(), 0, buf.position());
    }

    private static void update(MessageDigest digest, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(b.length).array());
        digest.update(b);
    }

    /** A fresh SHA-256 digest (every JVM has one). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}

package org.relgraph.source;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPInputStream;
import org.relgraph.schema.SchemaException;

/**
 * How many data rows a table's file holds, found without reading it whole: a Parquet file states its count in its
 * footer; a CSV file's count is estimated from its size and the average length of lines read at places spread over it
 * (a .csv.gz, which cannot be read from the middle, from its first lines, and its uncompressed size from the
 * compression ratio of those).
 */
final class DataFileRows {
    /** Bytes of (uncompressed) CSV read to learn the average line length: ~20k lines of a bank's transactions. */
    static final int CSV_SAMPLE_BYTES = 1 << 20;
    /** Places a plain CSV file larger than the sample is read at, a slice of the sample each. */
    static final int CSV_PIECES = 16;

    private DataFileRows() {
    }

    /** The rows of a Parquet file from its metadata (no row is read); exact. */
    static long parquet(Connection duck, DataFile file) {
        try (Statement s = duck.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(num_rows) FROM parquet_file_metadata("
                     + DataFile.sqlString(file.path().toAbsolutePath().toString()) + ")")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new SchemaException(file.path() + ": cannot read the Parquet metadata: "
                    + EmbeddedDuckDb.firstLine(e), "the file must be a valid Parquet file", e);
        }
    }

    /**
     * The data rows of a CSV file (header excluded), estimated from {@link #CSV_SAMPLE_BYTES} of it; exact up to quoted
     * line breaks when the file is no longer than that. A line break inside a quoted value counts as a row.
     */
    static long csvEstimate(DataFile file) {
        boolean gzip = file.isGzip();
        try {
            long fileBytes = Files.size(file.path());
            if (!gzip && fileBytes > CSV_SAMPLE_BYTES) {
                return spreadSample(file, fileBytes);
            }
            return prefixSample(file, gzip, fileBytes);
        } catch (IOException e) {
            throw PathErrors.translate(e, file.path());
        }
    }

    /**
     * A plain file: lines read at {@link #CSV_PIECES} places spread over it, since their length drifts through a file
     * (ids grow from 1 digit to 8 in an export ordered by key), so the first lines alone overcount.
     */
    private static long spreadSample(DataFile file, long fileBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            ByteBuffer piece = ByteBuffer.allocate(CSV_SAMPLE_BYTES / CSV_PIECES);
            channel.read(piece, 0);
            long headerEnd = firstLineEnd(piece);
            if (headerEnd < 0) {
                return 1; // a header longer than a piece: at least one row, and no better guess without reading it all
            }
            long lineBytes = 0;
            long lines = 0;
            long span = (fileBytes - headerEnd) / CSV_PIECES;
            for (int k = 0; k < CSV_PIECES; k++) {
                // each piece centred in its slice of the file, so a steady drift in line length averages out
                long at = headerEnd + k * span + Math.max(0, (span - piece.capacity()) / 2);
                piece.clear();
                channel.read(piece, at);
                // from the first line start in the piece to its last line end
                int first = (int) firstLineEnd(piece);
                int last = lastLineEnd(piece);
                if (first < 0 || last <= first) {
                    continue;
                }
                lineBytes += last - first;
                lines += count(piece, first, last);
            }
            if (lines == 0) {
                return 1; // lines longer than a piece, likewise
            }
            return Math.max(1, Math.round((fileBytes - headerEnd) / ((double) lineBytes / lines)));
        }
    }

    /** The file's beginning, decompressed: counted line by line when it ends within the sample, else scaled. */
    private static long prefixSample(DataFile file, boolean gzip, long fileBytes) throws IOException {
        try (CountingStream raw = new CountingStream(new BufferedInputStream(Files.newInputStream(file.path())));
             InputStream in = gzip ? new GZIPInputStream(raw, 4096) : raw) {
            byte[] buf = new byte[64 * 1024];
            long read = 0;
            long newlines = 0;
            long headerEnd = -1;
            long lastNewlineEnd = 0;
            byte last = '\n';
            int n;
            while (read < CSV_SAMPLE_BYTES && (n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        newlines++;
                        lastNewlineEnd = read + i + 1;
                        if (headerEnd < 0) {
                            headerEnd = lastNewlineEnd;
                        }
                    }
                }
                read += n;
                last = buf[n - 1];
            }
            if (in.read() < 0) {
                long lines = newlines + (read > 0 && last != '\n' ? 1 : 0);
                return Math.max(0, lines - 1);
            }
            // the file goes on: its uncompressed size from the ratio so far, over the sample's average line
            double totalBytes = gzip ? (double) read * fileBytes / Math.max(1, raw.count()) : fileBytes;
            if (newlines < 2) {
                return Math.max(1, Math.round(totalBytes / Math.max(1, read)));
            }
            double lineBytes = (double) (lastNewlineEnd - headerEnd) / (newlines - 1);
            return Math.max(1, Math.round((totalBytes - headerEnd) / lineBytes));
        }
    }

    /** The position after the piece's first line break, or -1 if it has none. */
    private static long firstLineEnd(ByteBuffer piece) {
        for (int i = 0; i < piece.position(); i++) {
            if (piece.get(i) == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The position after the piece's last line break, or -1 if it has none. */
    private static int lastLineEnd(ByteBuffer piece) {
        for (int i = piece.position() - 1; i >= 0; i--) {
            if (piece.get(i) == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static long count(ByteBuffer piece, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (piece.get(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Counts the bytes a decompressor has pulled from the file, to learn the compression ratio. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }

        long count() {
            return count;
        }
    }
}

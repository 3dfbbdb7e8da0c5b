package org.relgraph.source;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.relgraph.schema.SchemaException;

/**
 * How many data rows a table's file holds, found without reading it whole: a Parquet file states its count in its
 * footer; a CSV file's count is estimated from its size and the average length of its first lines (a .csv.gz's
 * uncompressed size from the compression ratio of those lines).
 */
final class DataFileRows {
    /** Bytes of (uncompressed) CSV read to learn the average line length: about 1 ms, and ~10k lines of a bank. */
    static final int CSV_SAMPLE_BYTES = 1 << 20;

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
            throw new SchemaException(file.path() + ": cannot read the Parquet metadata: " + EmbeddedDuckDb.firstLine(e),
                    "the file must be a valid Parquet file", e);
        }
    }

    /**
     * The data rows of a CSV file (header excluded), estimated from the first {@link #CSV_SAMPLE_BYTES}; exact up to
     * quoted line breaks when the file is no longer than that. A line break inside a quoted value counts as a row.
     */
    static long csvEstimate(DataFile file) {
        boolean gzip = file.path().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        try (CountingStream raw = new CountingStream(new BufferedInputStream(Files.newInputStream(file.path())));
             InputStream in = gzip ? new GZIPInputStream(raw, 4096) : raw) {
            long fileBytes = Files.size(file.path());
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
            boolean wholeFile = in.read() < 0;
            if (wholeFile) {
                long lines = newlines + (read > 0 && last != '\n' ? 1 : 0);
                return Math.max(0, lines - 1);
            }
            // the file goes on: the rows past the header, at the sample's average line length
            double totalBytes = gzip ? (double) read * fileBytes / Math.max(1, raw.count()) : fileBytes;
            if (newlines < 2) {
                return Math.max(1, Math.round(totalBytes / Math.max(1, read)));
            }
            double lineBytes = (double) (lastNewlineEnd - headerEnd) / (newlines - 1);
            return Math.max(1, Math.round((totalBytes - headerEnd) / lineBytes));
        } catch (IOException e) {
            throw PathErrors.translate(e, file.path());
        }
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

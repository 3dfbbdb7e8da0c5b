package org.relgraph.source;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;
import org.relgraph.schema.SchemaException;

/**
 * Turns the file system's refusals (no permission, no such file) on a path the user named into the usual one-line
 * error: they are the user's to fix, not a bug in relgraph. Run as root, permissions never bite, so the
 * translation is what tests exercise, by throwing the JDK's own exceptions.
 */
public final class PathErrors {
    private PathErrors() {
    }

    /** The user error for an I/O failure on {@code path}. */
    public static SchemaException translate(IOException e, Path path) {
        return fromCause(e).orElseGet(() -> new SchemaException("cannot read " + path + ": " + e.getMessage(),
                "check that the path exists and is readable", e));
    }

    /**
     * The user error for the first permission or missing-file failure in {@code failure}'s cause chain; empty when
     * there is none (then the failure is something else, possibly a bug).
     */
    public static Optional<SchemaException> fromCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UncheckedIOException) {
                continue;
            }
            if (t instanceof AccessDeniedException a) {
                return Optional.of(permissionDenied(a.getFile(), a));
            }
            if (t instanceof NoSuchFileException n) {
                return Optional.of(new SchemaException("no such file or folder: " + n.getFile(),
                        "check the path; relative paths are taken from " + Path.of("").toAbsolutePath(), n));
            }
            if (t instanceof NotDirectoryException n) {
                return Optional.of(new SchemaException("not a folder: " + n.getFile(),
                        "pass a folder, not a file", n));
            }
            if (t instanceof FileSystemException f && f.getReason() != null
                    && f.getReason().contains("Permission denied")) {
                return Optional.of(permissionDenied(f.getFile(), f));
            }
            // java.io's FileInputStream (behind File-based readers) reports "<path> (Permission denied)"
            if (t instanceof FileNotFoundException f && f.getMessage() != null
                    && f.getMessage().endsWith(" (Permission denied)")) {
                String file = f.getMessage().substring(0, f.getMessage().length() - " (Permission denied)".length());
                return Optional.of(permissionDenied(file, f));
            }
        }
        return Optional.empty();
    }

    private static SchemaException permissionDenied(String file, Exception cause) {
        return new SchemaException(file + ": permission denied",
                "relgraph runs as user '" + System.getProperty("user.name") + "', who may not open it: check the "
                        + "permissions of the path and of the folders above it (ls -ld); that user needs r on a "
                        + "file, r and x on a folder", cause);
    }
}

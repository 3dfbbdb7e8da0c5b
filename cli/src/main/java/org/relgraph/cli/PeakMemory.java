package org.relgraph.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The process's peak resident memory, read from Linux's /proc (VmHWM), for honest memory reports. */
final class PeakMemory {
    private PeakMemory() {
    }

    static String describe() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.0f MB RSS", kb / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: fall through to the JVM's view
        }
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%.0f MB heap in use", (rt.totalMemory() - rt.freeMemory()) / 1e6);
    }
}

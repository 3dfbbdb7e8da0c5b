package org.relgraph.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Tells a folder relgraph wrote from a user's. Every folder {@link OutputFolder} writes gets a {@link #MARKER} file
 * naming its kind and the entries relgraph put there; a folder may be replaced only while every entry in it is one
 * of those. Folders written before the marker existed are recognised by their exact layout (the files each writer
 * of that time produced, see {@link #LEGACY}), and a training checkpoint folder is relgraph's wherever it sits.
 */
public final class RelgraphOutputs {
    /** The marker file: a comment line with the kind, then one entry name per line. */
    public static final String MARKER = ".relgraph-output";
    /** Where a training run keeps its per-epoch checkpoint inside the model folder it will write. */
    public static final String CHECKPOINT_DIR = ".checkpoint";
    /** What the checkpoint folder holds: the checkpoint file and, while one is written, its temporary copy. */
    /** What follows the kind in the marker's first line. */
    private static final String KIND_END = " written by relgraph";
    private static final Pattern CHECKPOINT_FILES = Pattern.compile("training\\.ckpt(\\.tmp-.*)?");

    /**
     * A folder layout some relgraph version wrote without a marker: every entry a regular file matching one of
     * {@code allowed}, and every name of {@code required} present (so that a folder holding only, say, a README.md
     * is not mistaken for a bench report).
     */
    record Layout(String kind, List<String> required, List<Pattern> allowed) {
        boolean matches(List<Path> files) {
            Set<String> names = new HashSet<>();
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!Files.isRegularFile(f) || allowed.stream().noneMatch(p -> p.matcher(name).matches())) {
                    return false;
                }
                names.add(name);
            }
            return names.containsAll(required);
        }
    }

    private static Layout layout(String kind, List<String> required, String... allowedGlobs) {
        List<Pattern> allowed = new ArrayList<>();
        for (String glob : allowedGlobs) {
            allowed.add(Pattern.compile(Pattern.quote(glob).replace("*", "\\E.*\\Q")));
        }
        return new Layout(kind, required, allowed);
    }

    /** What relgraph 0.1 wrote before folders carried a marker; kept so those folders can still be replaced. */
    static final List<Layout> LEGACY = List.of(
            // GNN bundles (bundle.json, encoding.json, weights.bin) and baselines (xgboost, rules, cf, ranker files).
            layout("model bundle", List.of("bundle.json", "checksums.sha256"), "bundle.json", "checksums.sha256",
                    "encoding.json", "weights.bin", "xgboost-model.ubj", "baseline.json", "rules.json", "cf.json",
                    "actions.json"),
            layout("gradient-boosted baseline", List.of("xgboost-model.ubj", "baseline.json"), "xgboost-model.ubj",
                    "baseline.json"),
            layout("bench report", List.of("results.json", "README.md"), "results.json", "README.md",
                    "gains-*.png", "metric-*.png"));

    private RelgraphOutputs() {
    }

    /**
     * The entries of {@code folder} relgraph did not write, sorted, folders with a trailing '/'; empty when the
     * folder is empty or relgraph wrote everything in it.
     */
    public static List<String> foreignEntries(Path folder) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(folder)) {
            entries = list.filter(e -> !isCheckpoint(e)).sorted().toList();
        }
        Set<String> listed = markedEntries(folder);
        List<String> foreign = new ArrayList<>();
        if (listed != null) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!name.equals(MARKER) && !listed.contains(name)) {
                    foreign.add(display(e));
                }
            }
            return foreign;
        }
        if (entries.isEmpty() || LEGACY.stream().anyMatch(l -> l.matches(entries))) {
            return List.of();
        }
        for (Path e : entries) {
            foreign.add(display(e));
        }
        return foreign;
    }

    /** Whether {@code folder} holds nothing but a training checkpoint: a run killed before it wrote its model. */
    public static boolean holdsOnlyInterruptedTraining(Path folder) throws IOException {
        if (!isCheckpoint(folder.resolve(CHECKPOINT_DIR))) {
            return false;
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.allMatch(RelgraphOutputs::isCheckpoint);
        }
    }

    /** Writes the marker into a folder whose content is complete, listing everything in it. */
    static void writeMarker(Path folder, String kind) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.remove(MARKER);
        StringBuilder text = new StringBuilder("# ").append(kind).append(KIND_END).append(". relgraph replaces "
                + "this folder only while it holds nothing but these entries:\n");
        names.forEach(n -> text.append(n).append('\n'));
        Files.writeString(folder.resolve(MARKER), text, StandardCharsets.UTF_8);
    }

    /**
     * What the marker of {@code folder} says relgraph wrote there (the kind {@link OutputFolder#write} was given,
     * e.g. "Spark neighbourhoods"), or empty when the folder has no readable marker.
     */
    public static Optional<String> kind(Path folder) {
        Path marker = folder.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(marker, StandardCharsets.UTF_8)) {
            return lines.findFirst().filter(l -> l.startsWith("# ") && l.contains(KIND_END))
                    .map(l -> l.substring(2, l.indexOf(KIND_END)));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The entry names the marker lists, or null when there is no readable marker. */
    private static Set<String> markedEntries(Path folder) {
        Path marker = folder.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        try {
            Set<String> names = new HashSet<>();
            for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line);
                }
            }
            return names;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** A {@link #CHECKPOINT_DIR} folder holding nothing but checkpoint files. */
    private static boolean isCheckpoint(Path entry) {
        if (!entry.getFileName().toString().equals(CHECKPOINT_DIR) || !Files.isDirectory(entry)) {
            return false;
        }
        try (Stream<Path> list = Files.list(entry)) {
            return list.allMatch(f -> Files.isRegularFile(f)
                    && CHECKPOINT_FILES.matcher(f.getFileName().toString()).matches());
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static String display(Path entry) {
        return entry.getFileName() + (Files.isDirectory(entry) ? "/" : "");
    }
}

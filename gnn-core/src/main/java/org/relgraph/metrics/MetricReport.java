package org.relgraph.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Named metric values in the order they were added, which is the order they are printed: reports are read by
 * people comparing runs, so the same metric must sit on the same line every time.
 */
public final class MetricReport {
    /**
     * @param name  a lower_snake_case name such as {@code auroc} or {@code lift@10%}
     * @param value the metric; NaN when undefined on this data (printed as {@code n/a})
     * @param count whether the value is a count of things, printed without decimals
     */
    public record Entry(String name, double value, boolean count) {
    }

    private final Map<String, Entry> entries;

    private MetricReport(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @throws NoSuchElementException when the report has no metric of that name */
    public double get(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new NoSuchElementException("no metric '" + name + "' in report " + entries.keySet());
        }
        return e.value();
    }

    public boolean has(String name) {
        return entries.containsKey(name);
    }

    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** Name → value in report order, for JSON output. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        entries.values().forEach(e -> m.put(e.name(), e.value()));
        return Collections.unmodifiableMap(m);
    }

    /**
     * One metric per line, names padded to a column, values to four decimals, counts as integers. Always with a
     * decimal point, whatever the default locale, so reports from different machines diff cleanly.
     */
    public String format() {
        int width = 0;
        for (String name : entries.keySet()) {
            width = Math.max(width, name.length());
        }
        List<String> lines = new ArrayList<>();
        for (Entry e : entries.values()) {
            String value;
            if (Double.isNaN(e.value())) {
                value = "n/a";
            } else if (e.count()) {
                value = String.format(Locale.ROOT, "%d", (long) e.value());
            } else {
                value = String.format(Locale.ROOT, "%.4f", e.value());
            }
            lines.add(String.format(Locale.ROOT, "%-" + width + "s  %s", e.name(), value));
        }
        return String.join(System.lineSeparator(), lines);
    }

    @Override
    public String toString() {
        return format();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricReport r && entries().equals(r.entries());
    }

    @Override
    public int hashCode() {
        return entries().hashCode();
    }

    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder value(String name, double value) {
            return add(new Entry(name, value, false));
        }

        public Builder count(String name, long count) {
            return add(new Entry(name, count, true));
        }

        /** Appends every entry of {@code report}, e.g. business metrics after the binary ones. */
        public Builder addAll(MetricReport report) {
            report.entries.values().forEach(this::add);
            return this;
        }

        private Builder add(Entry e) {
            if (entries.putIfAbsent(e.name(), e) != null) {
                // A silently overwritten metric would leave the report claiming a number it no longer holds.
                throw new IllegalArgumentException("metric '" + e.name() + "' added twice");
            }
            return this;
        }

        public MetricReport build() {
            return new MetricReport(new LinkedHashMap<>(entries));
        }
    }
}

package org.relgraph.models.tune;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relgraph.schema.SchemaException;

/** Reads a wall-time budget as people write one: {@code 90s}, {@code 20m}, {@code 1h}, {@code 1h30m}. */
public final class TimeBudget {
    private static final Pattern FORM = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private TimeBudget() {
    }

    /**
     * @param option the option the text came from, for the error
     * @throws SchemaException naming the option and the forms that work, for anything else or a zero budget
     */
    public static Duration parse(String option, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher m = FORM.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            throw new SchemaException(option + " '" + text + "' is not a time", "give hours, minutes and/or seconds "
                    + "with their unit, e.g. " + option + " 20m, " + option + " 1h30m or " + option + " 90s");
        }
        Duration d = Duration.ofHours(part(m, 1)).plusMinutes(part(m, 2)).plusSeconds(part(m, 3));
        if (d.isZero()) {
            throw new SchemaException(option + " must be more than 0, got '" + text + "'",
                    "give the time the search may take, e.g. " + option + " 20m");
        }
        return d;
    }

    private static long part(Matcher m, int group) {
        String g = m.group(group);
        if (g == null) {
            return 0;
        }
        try {
            return Long.parseLong(g);
        } catch (NumberFormatException e) {
            throw new SchemaException("time budget '" + m.group() + "' is too long", "give at most a few days");
        }
    }
}

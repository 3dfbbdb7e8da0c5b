package org.relgraph.models.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the first rows of a score table as an aligned text table for a terminal: numbers right-aligned with a
 * fixed number of decimals so scores line up, text left-aligned and cut with "…" so one long name cannot push
 * the other columns off screen. Widths count terminal cells, not chars: CJK and emoji take two cells, combining
 * accents none, so names in any script stay aligned.
 */
public final class TerminalTable {
    public static final int DEFAULT_MAX_ROWS = 20;
    public static final int DEFAULT_MAX_COLUMN_WIDTH = 32;
    private static final String GAP = "  ";

    private final int maxRows;
    private final int maxColumnWidth;

    public TerminalTable() {
        this(DEFAULT_MAX_ROWS, DEFAULT_MAX_COLUMN_WIDTH);
    }

    public TerminalTable(int maxRows, int maxColumnWidth) {
        if (maxRows < 0 || maxColumnWidth < 2) {
            throw new IllegalArgumentException("maxRows must be >= 0 and maxColumnWidth >= 2");
        }
        this.maxRows = maxRows;
        this.maxColumnWidth = maxColumnWidth;
    }

    /** The header, a rule, up to maxRows rows, and a "showing n of m rows" line when rows were left out. */
    public String render(ScoreTable table) {
        int shown = Math.min(maxRows, table.rowCount());
        int width = table.columns().size();
        List<String[]> cells = new ArrayList<>(shown + 1);
        String[] header = new String[width];
        for (int c = 0; c < width; c++) {
            header[c] = fit(table.column(c).name());
        }
        cells.add(header);
        for (int row = 0; row < shown; row++) {
            String[] line = new String[width];
            for (int c = 0; c < width; c++) {
                line[c] = fit(format(table.column(c), row));
            }
            cells.add(line);
        }
        int[] widths = new int[width];
        for (String[] line : cells) {
            for (int c = 0; c < width; c++) {
                widths[c] = Math.max(widths[c], cells(line[c]));
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            appendLine(out, cells.get(i), widths, table);
            if (i == 0) {
                appendRule(out, widths);
            }
        }
        if (shown < table.rowCount()) {
            out.append(String.format(Locale.ROOT, "(showing %,d of %,d rows)%n", shown, table.rowCount()));
        }
        return out.toString();
    }

    private void appendLine(StringBuilder out, String[] line, int[] widths, ScoreTable table) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < line.length; c++) {
            if (c > 0) {
                text.append(GAP);
            }
            boolean rightAligned = table.column(c).kind() == ScoreColumn.Kind.INTEGER
                    || table.column(c).kind() == ScoreColumn.Kind.DOUBLE;
            String padding = " ".repeat(widths[c] - cells(line[c]));
            text.append(rightAligned ? padding + line[c] : line[c] + padding);
        }
        out.append(text.toString().stripTrailing()).append(System.lineSeparator());
    }

    private static void appendRule(StringBuilder out, int[] widths) {
        for (int c = 0; c < widths.length; c++) {
            out.append(c > 0 ? GAP : "").append("─".repeat(widths[c]));
        }
        out.append(System.lineSeparator());
    }

    private static String format(ScoreColumn column, int row) {
        if (column.isNull(row)) {
            return "";
        }
        return switch (column.kind()) {
            case STRING -> column.string(row).replaceAll("\\p{Cntrl}", " ");
            case INTEGER -> Long.toString(column.integer(row));
            case DOUBLE -> formatDouble(column.doubleValue(row));
            case DATE -> column.date(row).toString();
        };
    }

    /** Four decimals suit propensities and amounts alike; very large or tiny values switch to scientific. */
    private static String formatDouble(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e12)) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** The text if it fits in maxColumnWidth cells, else its longest prefix that fits with "…" after it. */
    private String fit(String text) {
        if (cells(text) <= maxColumnWidth) {
            return text;
        }
        StringBuilder prefix = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int width = cells(codePoint);
            if (used + width > maxColumnWidth - 1) {
                break;
            }
            prefix.appendCodePoint(codePoint);
            used += width;
            i += Character.charCount(codePoint);
        }
        return prefix.append('…').toString();
    }

    private static int cells(String text) {
        return text.codePoints().map(TerminalTable::cells).sum();
    }

    private static int cells(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return 0;
        }
        return isWide(codePoint) ? 2 : 1;
    }

    /** East Asian Wide and Fullwidth blocks, and the emoji planes: the ranges terminals draw two cells wide. */
    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF)
                || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF)
                || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F)
                || (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}

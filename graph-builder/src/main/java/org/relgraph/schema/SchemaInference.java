package org.relgraph.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.relgraph.source.CsvRowWidth;
import org.relgraph.source.DataFile;
import org.relgraph.source.EmbeddedDuckDb;
import org.relgraph.source.SqlIdentifier;

/**
 * Proposes a schema from data alone, for {@code relgraph inspect --infer-schema}: column types from DuckDB's
 * detected types and the values' cardinality, primary keys and foreign keys from naming conventions checked
 * against the data, and one time column per table. The result is a starting point the user edits.
 */
public final class SchemaInference {
    /** Share of a candidate foreign key's values that must exist in the parent key. */
    static final double FK_CONTAINMENT = 0.95;
    /** Strings at least this long on average are free text, not labels. */
    static final double TEXT_MIN_AVG_LENGTH = 40;
    /** Up to this many distinct strings is a categorical whatever the table size… */
    static final long CATEGORICAL_MAX_DISTINCT_SMALL = 50;
    /** …and beyond it only if they repeat: distinct values at most this share of the non-null ones. */
    static final double CATEGORICAL_MAX_DISTINCT_SHARE = 0.1;

    private static final List<String> BOOLEAN_WORDS = List.of("true", "false", "t", "f", "yes", "no", "y", "n");

    /** Preferred time column names, best first; a name containing one of these beats a name that does not. */
    private static final List<String> TIME_NAMES = List.of("timestamp", "datetime", "date", "time", "createdat",
            "created", "eventtime", "ts", "at", "when");

    private SchemaInference() {
    }

    /** Infers the schema of the CSV/Parquet files in a folder; each file is one table named after the file. */
    public static Schema inferFolder(Path folder) {
        List<DataFile> files = DataFile.list(folder);
        if (files.isEmpty()) {
            throw new SchemaException("no .csv, .csv.gz or .parquet files in " + folder,
                    "put one file per table in the folder");
        }
        Map<String, DataFile> byTable = new HashMap<>();
        for (DataFile f : files) {
            DataFile other = byTable.put(f.tableName().toLowerCase(Locale.ROOT), f);
            if (other != null) {
                throw new SchemaException(folder + ": " + other.fileName() + " and " + f.fileName()
                        + " would both be table '" + f.tableName() + "'", "keep one file per table in the folder");
            }
        }
        try (Connection duck = EmbeddedDuckDb.open(); Statement s = duck.createStatement()) {
            List<Profile> profiles = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                profiles.add(profile(s, files.get(i), "relgraph_t" + i));
            }
            return propose(s, profiles);
        } catch (SQLException e) {
            throw new SchemaException(folder + ": cannot infer a schema: " + e.getMessage().lines().findFirst()
                    .orElse(""), "check that every file is valid CSV with a header row, or Parquet", e);
        }
    }

    /** What was measured about one table. */
    private record Profile(DataFile file, String sqlTable, long rows, List<ColumnProfile> columns) {
    }

    private record ColumnProfile(String name, String duckType, long nonNull, long distinct, double avgLength,
                                 long timestampLike, long booleanLike) {
        boolean allNonNull(long rows) {
            return nonNull == rows;
        }
    }

    private static Profile profile(Statement s, DataFile file, String sqlTable) throws SQLException {
        if (file.isEmpty()) {
            throw new SchemaException(file.path() + ": the file is empty (a table needs a header row and data rows)",
                    "export the table again, or move the file out of the folder");
        }
        try {
            s.execute("CREATE TEMP TABLE " + sqlTable + " AS SELECT * FROM " + file.scanSql(false));
        } catch (SQLException e) {
            throw CsvRowWidth.tooWideInScan(file, e).orElseGet(() -> new SchemaException(file.path()
                    + ": cannot read: " + e.getMessage().lines().findFirst().orElse(""),
                    "the file must be CSV with a header row, or Parquet", e));
        }
        CsvRowWidth.requireWithinHeader(s, file, sqlTable);
        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery("DESCRIBE " + sqlTable)) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        List<String> stats = new ArrayList<>();
        stats.add("count(*)");
        for (Map.Entry<String, String> c : types.entrySet()) {
            String ref = SqlIdentifier.quote(c.getKey());
            String text = "CAST(" + ref + " AS VARCHAR)";
            boolean varchar = c.getValue().equals("VARCHAR");
            stats.add("count(" + ref + ")");
            stats.add("count(DISTINCT " + ref + ")");
            stats.add("coalesce(avg(length(" + text + ")), 0)");
            stats.add(varchar ? "count(TRY_CAST(" + ref + " AS TIMESTAMPTZ))" : "0");
            stats.add(varchar ? "count(*) FILTER (WHERE lower(trim(" + ref + ")) IN ('"
                    + String.join("', '", BOOLEAN_WORDS) + "'))"
                    : isInteger(c.getValue()) ? "count(*) FILTER (WHERE " + ref + " IN (0, 1))" : "0");
        }
        List<ColumnProfile> columns = new ArrayList<>();
        long rows;
        try (ResultSet rs = s.executeQuery("SELECT " + String.join(", ", stats) + " FROM " + sqlTable)) {
            rs.next();
            rows = rs.getLong(1);
            int k = 2;
            for (Map.Entry<String, String> c : types.entrySet()) {
                columns.add(new ColumnProfile(c.getKey(), c.getValue(), rs.getLong(k), rs.getLong(k + 1),
                        rs.getDouble(k + 2), rs.getLong(k + 3), rs.getLong(k + 4)));
                k += 5;
            }
        }
        return new Profile(file, sqlTable, rows, columns);
    }

    private static Schema propose(Statement s, List<Profile> profiles) throws SQLException {
        Map<Profile, String> primaryKeys = new HashMap<>();
        for (Profile p : profiles) {
            for (ColumnProfile c : p.columns()) {
                if (KeyNames.isOwnKeyName(c.name(), p.file().tableName()) && isUnique(c, p.rows())) {
                    primaryKeys.put(p, c.name());
                    break;
                }
            }
            // exports often lead with their key under a name that differs from the table's (qualifying.qualifyId)
            ColumnProfile first = p.columns().get(0);
            if (!primaryKeys.containsKey(p) && KeyNames.normalize(first.name()).endsWith("id")
                    && isUnique(first, p.rows())) {
                primaryKeys.put(p, first.name());
            }
        }
        List<TableSchema> tables = new ArrayList<>();
        for (Profile p : profiles) {
            String table = p.file().tableName();
            String pk = primaryKeys.get(p);
            List<ForeignKey> fks = new ArrayList<>();
            for (ColumnProfile c : p.columns()) {
                if (c.name().equals(pk) || c.nonNull() == 0) {
                    continue;
                }
                for (Profile parent : profiles) {
                    String parentKey = primaryKeys.get(parent);
                    if (parent == p || parentKey == null
                            || !KeyNames.refersTo(c.name(), parent.file().tableName(), parentKey)) {
                        continue;
                    }
                    if (containedShare(s, p.sqlTable(), c.name(), parent.sqlTable(), parentKey) >= FK_CONTAINMENT) {
                        fks.add(new ForeignKey(table, c.name(), parent.file().tableName()));
                        break;
                    }
                }
            }
            List<ColumnSchema> columns = new ArrayList<>();
            for (ColumnProfile c : p.columns()) {
                boolean key = c.name().equals(pk) || fks.stream().anyMatch(fk -> fk.column().equals(c.name()));
                columns.add(new ColumnSchema(c.name(), key ? SemanticType.ID : valueType(c)));
            }
            tables.add(new TableSchema(table, columns, pk, chooseTimeColumn(columns), fks, p.file().fileName()));
        }
        return new Schema(tables);
    }

    private static boolean isUnique(ColumnProfile c, long rows) {
        return rows > 0 && c.allNonNull(rows) && c.distinct() == rows;
    }

    private static double containedShare(Statement s, String child, String column, String parent, String key)
            throws SQLException {
        String ref = SqlIdentifier.quote(column);
        // compared as text: an integer key in one file may be read as VARCHAR in another
        try (ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE CAST(" + ref + " AS VARCHAR) IN "
                + "(SELECT CAST(" + SqlIdentifier.quote(key) + " AS VARCHAR) FROM " + parent + ")) FROM " + child
                + " WHERE " + ref + " IS NOT NULL")) {
            rs.next();
            long all = rs.getLong(1);
            return all == 0 ? 0 : rs.getLong(2) / (double) all;
        }
    }

    private static SemanticType valueType(ColumnProfile c) {
        String t = c.duckType().toUpperCase(Locale.ROOT);
        if (t.equals("BOOLEAN")) {
            return SemanticType.BOOLEAN;
        }
        if (t.startsWith("DATE") || t.startsWith("TIMESTAMP")) {
            return SemanticType.TIMESTAMP;
        }
        if (isInteger(t)) {
            return c.nonNull() > 0 && c.booleanLike() == c.nonNull() && c.distinct() == 2
                    ? SemanticType.BOOLEAN : SemanticType.NUMERICAL;
        }
        if (t.equals("DOUBLE") || t.equals("FLOAT") || t.equals("REAL") || t.startsWith("DECIMAL")) {
            return SemanticType.NUMERICAL;
        }
        if (t.equals("VARCHAR")) {
            if (c.nonNull() > 0 && c.booleanLike() == c.nonNull() && c.distinct() <= 2) {
                return SemanticType.BOOLEAN;
            }
            if (c.nonNull() > 0 && c.timestampLike() == c.nonNull()) {
                return SemanticType.TIMESTAMP;
            }
        }
        return stringType(c.nonNull(), c.distinct(), c.avgLength());
    }

    /**
     * Categorical or text for a string column: long strings are text; short ones are categorical when few
     * (≤ 50 distinct) or repeated (distinct ≤ 10 % of values), else text (names, free codes).
     */
    public static SemanticType stringType(long nonNull, long distinct, double avgLength) {
        if (avgLength >= TEXT_MIN_AVG_LENGTH) {
            return SemanticType.TEXT;
        }
        if (distinct <= CATEGORICAL_MAX_DISTINCT_SMALL || distinct <= CATEGORICAL_MAX_DISTINCT_SHARE * nonNull) {
            return SemanticType.CATEGORICAL;
        }
        return SemanticType.TEXT;
    }

    /**
     * The timestamp column that says when a row became known, or null when the table has none (a static
     * table). Names like timestamp/date/time/created win; birth dates are skipped because they describe
     * the entity rather than when its row appeared.
     */
    public static String chooseTimeColumn(List<ColumnSchema> columns) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (ColumnSchema c : columns) {
            if (c.type() != SemanticType.TIMESTAMP) {
                continue;
            }
            String n = KeyNames.normalize(c.name());
            if (n.contains("birth") || n.equals("dob")) {
                continue;
            }
            int score = TIME_NAMES.size() * 2;
            for (int i = 0; i < TIME_NAMES.size(); i++) {
                if (n.equals(TIME_NAMES.get(i))) {
                    score = Math.min(score, i);
                } else if (n.contains(TIME_NAMES.get(i))) {
                    score = Math.min(score, TIME_NAMES.size() + i);
                }
            }
            if (score < bestScore) {
                best = c.name();
                bestScore = score;
            }
        }
        return best;
    }

    private static boolean isInteger(String duckType) {
        return Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
                "UBIGINT").contains(duckType.toUpperCase(Locale.ROOT));
    }
}

package org.relgraph.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL table's row count as the planner knows it, without scanning the table: {@code pg_class.reltuples}
 * (kept by ANALYZE, VACUUM and autovacuum). A table never analysed has {@code reltuples = -1}; then the planner's
 * own guess for a full scan, which it derives from the table's current size on disk, stands in.
 */
final class PostgresRowCounts {
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*(\\d+)");

    private PostgresRowCounts() {
    }

    static long estimate(Connection c, String schemaName, String table) throws SQLException {
        String qualified = SqlIdentifier.quote(schemaName) + "." + SqlIdentifier.quote(table);
        try (PreparedStatement ps = c.prepareStatement("SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getDouble(1) >= 0) {
                    return Math.round(rs.getDouble(1));
                }
            }
        }
        return plannerRows(c, qualified);
    }

    /** The rows the planner expects a full scan to return. */
    private static long plannerRows(Connection c, String qualified) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) SELECT * FROM " + qualified)) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1));
            }
            Matcher m = PLAN_ROWS.matcher(plan);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        }
    }
}

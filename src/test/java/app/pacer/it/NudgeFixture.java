package app.pacer.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** Seeds a Slack workspace whose members' nudges are all due now, and reads the outbox back. */
final class NudgeFixture {

    final String jdbcUrl;

    NudgeFixture(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    /** Creates {@code count} members in a new workspace, nudge time a minute ago (UTC), today a working day. */
    String seed(String team, int count) throws SQLException {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        LocalTime at = now.toLocalTime().minusMinutes(1);
        if (at.isAfter(now.toLocalTime())) {
            at = LocalTime.MIDNIGHT;
        }
        DayOfWeek day = now.getDayOfWeek();
        String week = day == DayOfWeek.SUNDAY ? "SUN_THU" : day == DayOfWeek.SATURDAY ? "MON_SAT" : "MON_FRI";
        try (Connection c = connect()) {
            long workspace;
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO workspace (platform, external_id, name, work_week) VALUES ('SLACK', ?, 'Bench', ?) RETURNING id")) {
                insert.setString(1, team);
                insert.setString(2, week);
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    workspace = rs.getLong(1);
                }
            }
            try (PreparedStatement members = c.prepareStatement("""
                    INSERT INTO member (workspace_id, platform_user_id, display_name, role, time_zone, nudge_time,
                                        profile_refreshed_at, contacted_at, created_at, updated_at)
                    SELECT ?, 'U' || lpad(i::text, 8, '0'), 'Rep ' || i, 'REP', 'UTC', ?, now(), now(), now(), now()
                    FROM generate_series(1, ?) AS i""")) {
                members.setLong(1, workspace);
                members.setObject(2, at);
                members.setInt(3, count);
                members.executeUpdate();
            }
            return String.valueOf(workspace);
        }
    }

    /** Outbox rows of the workspace: key, state. */
    List<String[]> outbox(String workspace) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT idempotency_key, state FROM outbox WHERE workspace_id = " + workspace)) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return rows;
    }

    /** Seconds from the first nudge enqueued to the last one sent. */
    double deliverySeconds(String workspace) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT EXTRACT(EPOCH FROM max(sent_at) - min(created_at)) FROM outbox WHERE workspace_id = "
                        + workspace)) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}

package io.policygen.report;

import io.policygen.gap.AccountLine;
import io.policygen.gap.GapNote;
import io.policygen.gap.GapPage;
import io.policygen.gap.GapPageData;
import io.policygen.gap.GapRow;
import io.policygen.gap.PermissionSetLine;
import io.policygen.gap.PrincipalKind;
import io.policygen.gap.PrincipalLine;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code report privilege_gap --format html}: the gap page ({@link GapPage}) from the report views, so that it
 * shows what {@code report_privilege_gap} and {@code report_gap_by_account} say, rank for rank; a
 * {@code policygen_reader} login may write it. The page holds the {@value #MAX_PRINCIPALS} highest-ranked principals
 * (it says of how many) and every account. The same data gives the same bytes: its time is the gaps' latest
 * computation, not the clock's.
 */
public final class GapReport {

    /** The ranked table's rows at most: a page for a browser, not a million rows (the views hold them all). */
    public static final int MAX_PRINCIPALS = 1000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private GapReport() {
    }

    /** The page's data, read in the connection's current transaction. */
    public static GapPageData read(Connection connection, int maxPrincipals) throws SQLException {
        String computedAt = "no gap computed yet";
        String catalog = "IAM action catalog";
        int total = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     select count(*), max(computed_at), min(catalog), max(catalog) from report_privilege_gap""")) {
            rs.next();
            total = rs.getInt(1);
            OffsetDateTime latest = rs.getObject(2, OffsetDateTime.class);
            if (latest != null) {
                computedAt = "computed " + TIME.format(latest.withOffsetSameInstant(ZoneOffset.UTC));
                catalog = rs.getString(3).equals(rs.getString(4)) ? rs.getString(3) : rs.getString(3) + " to " + rs.getString(4);
            }
        }
        return new GapPageData(computedAt, catalog, total, principals(connection, maxPrincipals), accounts(connection),
                permissionSets(connection));
    }

    private static List<PrincipalLine> principals(Connection connection, int limit) throws SQLException {
        List<PrincipalLine> lines = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select rank, account_id, account_name, principal_id, principal_type, name, path, granted, used,
                       used_at_service_level, not_observable, unused, unknown, unused_scoped, unused_conditional,
                       used_not_granted, unused_share, score, top_unused_services, service_level_services, notes::text,
                       permission_set
                from report_privilege_gap order by rank limit ?""")) {
            statement.setInt(1, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    List<GapNote> notes = notes(rs.getString("notes"));
                    GapRow row = new GapRow(rs.getLong("principal_id"), rs.getString("account_id"),
                            PrincipalKind.valueOf(rs.getString("principal_type")), rs.getString("name"), rs.getString("path"),
                            rs.getInt("granted"), rs.getInt("used"), rs.getInt("used_at_service_level"),
                            rs.getInt("not_observable"), rs.getInt("unused"), rs.getInt("unknown"), rs.getInt("unused_scoped"),
                            rs.getInt("unused_conditional"), rs.getInt("used_not_granted"), rs.getDouble("unused_share"),
                            rs.getLong("score"), strings(rs.getArray("top_unused_services")),
                            strings(rs.getArray("service_level_services")), notes.size());
                    lines.add(new PrincipalLine(rs.getInt("rank"), rs.getString("account_name"), row, notes,
                            rs.getString("permission_set")));
                }
            }
        }
        return lines;
    }

    private static List<AccountLine> accounts(Connection connection) throws SQLException {
        List<AccountLine> accounts = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     select account_id, account_name, principals, reviewed, coalesce(median_unused_share, 0),
                            coalesce(worst_unused_share, 0)
                     from report_gap_by_account""")) {
            while (rs.next()) {
                accounts.add(new AccountLine(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getDouble(5),
                        rs.getDouble(6)));
            }
        }
        return accounts;
    }

    /** Every set (an organization has tens to hundreds): a set's row is what a change to it is judged by. */
    private static List<PermissionSetLine> permissionSets(Connection connection) throws SQLException {
        List<PermissionSetLine> sets = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     select permission_set, accounts, reviewed, complete, grant_sets, granted, used, unused,
                            coalesce(unused_share, 0), score, top_unused_services
                     from report_permission_set_gap order by score desc, permission_set collate "C\"""")) {
            while (rs.next()) {
                sets.add(new PermissionSetLine(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getBoolean(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getDouble(9), rs.getLong(10), strings(rs.getArray(11))));
            }
        }
        return sets;
    }

    /** The page for the data: {@link GapPage#render}. */
    public static String render(GapPageData data) {
        return GapPage.render(data);
    }

    static List<GapNote> notes(String json) {
        List<GapNote> notes = new ArrayList<>();
        if (json == null) {
            return notes;
        }
        for (JsonNode note : JSON.readTree(json)) {
            notes.add(new GapNote(GapNote.Kind.valueOf(note.path("kind").asString()),
                    note.hasNonNull("policy") ? note.get("policy").asString() : null, note.path("detail").asString("")));
        }
        return notes;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}

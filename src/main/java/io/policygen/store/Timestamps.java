package io.policygen.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** A {@code timestamptz} column read as an {@link Instant}, SQL null as null. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        return instant(rs.getTimestamp(column));
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs.getTimestamp(column));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

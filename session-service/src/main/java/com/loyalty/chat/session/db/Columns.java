package com.loyalty.chat.session.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Column reads the driver lacks: Connector/J writes {@code Instant} parameters but cannot read one back. */
public final class Columns {

    private Columns() {
    }

    /** A DATETIME column as an instant; the connection's time zone is UTC, as every stored time is. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}

package com.loyalty.chat.chassis.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * Every DATETIME column holds UTC wall-clock time. Reading and writing them as {@link LocalDateTime} at UTC keeps
 * an instant what it is whatever zone the JVM or the connection is in (Connector/J reads no {@code Instant} back).
 */
public final class DateTimeColumns {

    private DateTimeColumns() {
    }

    public static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
        return instant(row.getObject(column, LocalDateTime.class));
    }

    public static @Nullable Instant instant(ResultSet row, int column) throws SQLException {
        return instant(row.getObject(column, LocalDateTime.class));
    }

    /** The value to bind for a DATETIME parameter. */
    public static @Nullable LocalDateTime value(@Nullable Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable LocalDateTime stored) {
        return stored == null ? null : stored.toInstant(ZoneOffset.UTC);
    }
}

package com.loyalty.chat.session.presence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.chassis.jdbc.DateTimeColumns;
import com.loyalty.chat.contracts.events.WireNamed;

/**
 * The {@code admin_statuses} table. Whoever changes an admin's status or load locks the admin's row first and keeps
 * the lock to commit, which serializes every change to one admin. Rows of several admins are locked in ascending id
 * order, after any session rows, so that transactions never wait on each other in a circle.
 */
@Component
public class AdminStatuses {

    private static final String COLUMNS =
            "admin_id, status, busy, current_sessions, max_sessions, last_active_at, offline_since, last_assigned_at";

    private final JdbcClient jdbc;
    private final PresenceProperties properties;
    private final Clock clock;

    AdminStatuses(JdbcClient jdbc, PresenceProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Locks the admin's row until the transaction ends, creating it for an admin seen for the first time, and
     * answers it as it is now. (ON DUPLICATE KEY takes the existing row's exclusive lock; a plain INSERT IGNORE would
     * take a shared one, and two such holders upgrading to exclusive would deadlock.)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public AdminStatus lock(long adminId) {
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO admin_statuses (admin_id, status, max_sessions, last_active_at, created_at,
                                                    updated_at)
                        VALUES (:adminId, 'offline', :maxSessions, :now, :now, :now)
                        ON DUPLICATE KEY UPDATE admin_id = admin_id
                        """)
                .param("adminId", adminId)
                .param("maxSessions", properties.defaultMaxSessions())
                .param("now", now)
                .update();
        return jdbc.sql("SELECT " + COLUMNS + " FROM admin_statuses WHERE admin_id = ?")
                .param(adminId)
                .query(AdminStatuses::map)
                .single();
    }

    /**
     * Stores a recount of the admin's open sessions, made under {@link #lock}; {@code acquiredAt} is set when the
     * admin just took a session, for the assignment order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordLoad(long adminId, int openSessions, Instant acquiredAt) {
        jdbc.sql("""
                        UPDATE admin_statuses
                           SET current_sessions = :openSessions,
                               last_assigned_at = COALESCE(:acquiredAt, last_assigned_at),
                               updated_at = :now
                         WHERE admin_id = :adminId
                        """)
                .param("openSessions", openSessions)
                .param("acquiredAt", acquiredAt)
                .param("now", clock.instant())
                .param("adminId", adminId)
                .update();
    }

    /** Online admins below their maximum as of the last recounts: candidates, to be confirmed under the lock. */
    public List<AdminStatus> onlineBelowCapacity() {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM admin_statuses
                        WHERE status = 'online' AND current_sessions < max_sessions""")
                .query(AdminStatuses::map)
                .list();
    }

    /** Admins gone since before {@code cutoff} who still hold open sessions. */
    public List<Long> offlineHoldersSince(Instant cutoff) {
        return jdbc.sql("""
                        SELECT admin_id FROM admin_statuses
                         WHERE status = 'offline' AND offline_since <= :cutoff AND current_sessions > 0
                        """)
                .param("cutoff", cutoff)
                .query(Long.class)
                .list();
    }

    List<AdminStatus> findAll(Collection<Long> adminIds) {
        if (adminIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM admin_statuses WHERE admin_id IN (:adminIds)")
                .param("adminIds", adminIds)
                .query(AdminStatuses::map)
                .list();
    }

    /** Writes what presence decides (availability, choice, activity); the load columns are left alone. */
    void savePresence(AdminStatus status) {
        jdbc.sql("""
                        UPDATE admin_statuses
                           SET status = :status, busy = :busy, last_active_at = :lastActiveAt,
                               offline_since = :offlineSince, updated_at = :now
                         WHERE admin_id = :adminId
                        """)
                .param("status", status.availability().wireName())
                .param("busy", status.busy())
                .param("lastActiveAt", status.lastActiveAt())
                .param("offlineSince", status.offlineSince())
                .param("now", clock.instant())
                .param("adminId", status.adminId())
                .update();
    }

    private static AdminStatus map(ResultSet row, int rowNumber) throws SQLException {
        return new AdminStatus(row.getLong("admin_id"),
                WireNamed.parse(AdminAvailability.class, row.getString("status")), row.getBoolean("busy"), row.getInt("current_sessions"), row.getInt("max_sessions"),
                DateTimeColumns.instant(row, "last_active_at"), DateTimeColumns.instant(row, "offline_since"),
                DateTimeColumns.instant(row, "last_assigned_at"));
    }
}

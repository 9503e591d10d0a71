package com.loyalty.chat.session.oplog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.contracts.events.SessionStatus;

/** Writes the operation log, always in the transaction of the change it records: neither exists without the other. */
@Component
public class OperationLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    OperationLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(OperationLogEntry entry) {
        jdbc.sql("""
                        INSERT INTO operation_logs (session_id, action, operator_type, operator_id, from_status,
                                                    to_status, from_admin_id, to_admin_id, message_id, note, created_at)
                        VALUES (:sessionId, :action, :operatorType, :operatorId, :fromStatus, :toStatus, :fromAdminId,
                                :toAdminId, :messageId, :note, :createdAt)
                        """)
                .param("sessionId", entry.sessionId())
                .param("action", entry.action().wireName())
                .param("operatorType", entry.operatorType().wireName())
                .param("operatorId", entry.operatorId())
                .param("fromStatus", wireName(entry.fromStatus()))
                .param("toStatus", wireName(entry.toStatus()))
                .param("fromAdminId", entry.fromAdminId())
                .param("toAdminId", entry.toAdminId())
                .param("messageId", entry.messageId())
                .param("note", entry.note())
                .param("createdAt", clock.instant())
                .update();
    }

    /** Several lines in one statement; their ids follow the list's order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<OperationLogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO operation_logs (session_id, action, operator_type, operator_id, from_status,
                                                    to_status, from_admin_id, to_admin_id, message_id, note, created_at)
                        VALUES :rows
                        """)
                .param("rows", entries.stream()
                        .map(entry -> new Object[] {entry.sessionId(), entry.action().wireName(),
                                entry.operatorType().wireName(), entry.operatorId(), wireName(entry.fromStatus()),
                                wireName(entry.toStatus()), entry.fromAdminId(), entry.toAdminId(), entry.messageId(),
                                entry.note(), now})
                        .toList())
                .update();
    }

    private static String wireName(SessionStatus status) {
        return status == null ? null : status.wireName();
    }
}

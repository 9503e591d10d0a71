package com.loyalty.chat.session.oplog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.chassis.jdbc.DateTimeColumns;
import com.loyalty.chat.session.web.PageQuery;

/** The log as admins page through it, newest first; each filter is served by an index ending in {@code log_id}. */
@Service
@Transactional(readOnly = true)
class OperationLogQueries {

    private final JdbcClient jdbc;

    OperationLogQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    OperationLogPage page(String sessionId, Long adminId, PageQuery page) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (sessionId != null) {
            conditions.add("session_id = :sessionId");
            params.put("sessionId", sessionId);
        }
        if (adminId != null) {
            conditions.add("operator_type = 'admin' AND operator_id = :adminId");
            params.put("adminId", adminId);
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        List<OperationLogPage.Item> logs = jdbc.sql("SELECT * FROM operation_logs" + where
                        + " ORDER BY log_id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(OperationLogQueries::item)
                .list();
        long total = jdbc.sql("SELECT COUNT(*) FROM operation_logs" + where).params(params).query(Long.class).single();
        return new OperationLogPage(logs, total, page.paginationOf(total));
    }

    private static OperationLogPage.Item item(ResultSet row, int rowNumber) throws SQLException {
        return new OperationLogPage.Item(row.getLong("log_id"), row.getString("session_id"), row.getString("action"),
                row.getString("operator_type"), row.getObject("operator_id", Long.class),
                row.getString("from_status"), row.getString("to_status"), row.getObject("from_admin_id", Long.class),
                row.getObject("to_admin_id", Long.class), row.getString("message_id"), row.getString("note"),
                DateTimeColumns.instant(row, "created_at"));
    }
}

package com.loyalty.chat.session.oplog;

import java.time.Instant;
import java.util.List;

import com.loyalty.chat.session.web.Pagination;

/** One page of the log in the shape of the session list: items, how many in all, and where the page stands. */
record OperationLogPage(List<Item> logs, long totalCount, Pagination pagination) {

    record Item(long logId, String sessionId, String action, String operatorType, Long operatorId, String fromStatus,
                String toStatus, Long fromAdminId, Long toAdminId, String messageId, String note, Instant createdAt) {
    }
}

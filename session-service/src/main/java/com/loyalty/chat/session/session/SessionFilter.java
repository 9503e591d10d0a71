package com.loyalty.chat.session.session;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.data.jpa.domain.Specification;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.events.SessionStatus;

/** The {@code status} filter of the admin session list, with the contract's meaning of each value. */
enum SessionFilter {

    /** Every session. */
    ALL,
    /** Waiting in the shared queue: no admin holds it. */
    PENDING,
    /** No admin reply yet, held or not. */
    WAITING,
    /** The calling admin's own sessions that are not closed. */
    ACTIVE,
    CLOSED;

    static SessionFilter parse(String value) {
        return Arrays.stream(values())
                .filter(filter -> filter.name().toLowerCase(Locale.ROOT).equals(value))
                .findFirst()
                .orElseThrow(() -> ChatException.invalid(
                        "status: 必须是 all、pending、waiting、active 或 closed 之一"));
    }

    Specification<CustomerSession> forAdmin(long adminId) {
        return switch (this) {
            case ALL -> Specification.unrestricted();
            case PENDING -> (root, query, cb) -> cb.and(
                    cb.equal(root.get("status"), SessionStatus.WAITING), cb.isNull(root.get("adminId")));
            case WAITING -> (root, query, cb) ->
                    root.get("status").in(List.of(SessionStatus.WAITING, SessionStatus.ASSIGNED));
            case ACTIVE -> (root, query, cb) -> cb.and(
                    cb.equal(root.get("adminId"), adminId),
                    root.get("status").in(List.of(SessionStatus.ASSIGNED, SessionStatus.ACTIVE)));
            case CLOSED -> (root, query, cb) -> cb.equal(root.get("status"), SessionStatus.CLOSED);
        };
    }
}

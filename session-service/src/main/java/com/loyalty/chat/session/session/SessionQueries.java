package com.loyalty.chat.session.session;

import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.events.UserProfile;
import com.loyalty.chat.session.identity.UserDirectory;

/** Sessions as users and admins read them. */
@Service
@Transactional(readOnly = true)
class SessionQueries {

    static final int MAX_PAGE_SIZE = 50;

    /** The contract's order: latest message first; sessions without messages (NULL sorts last) by creation. */
    private static final Sort LIST_ORDER = Sort.by(Sort.Order.desc("lastMessageAt"), Sort.Order.desc("createdAt"),
            Sort.Order.desc("sessionId"));

    private final CustomerSessionRepository sessions;
    private final UserDirectory users;

    SessionQueries(CustomerSessionRepository sessions, UserDirectory users) {
        this.sessions = sessions;
        this.users = users;
    }

    List<SessionItem> ofUser(long userId) {
        return items(sessions.findByUserIdOrderByCreatedAtDescSessionIdDesc(userId));
    }

    /** Another user's session is reported as missing, so ids cannot be probed. */
    SessionItem ownedBy(long userId, String sessionId) {
        return sessions.findById(sessionId)
                .filter(session -> session.userId() == userId)
                .map(this::item)
                .orElseThrow(SessionQueries::notFound);
    }

    SessionItem byId(String sessionId) {
        return sessions.findById(sessionId).map(this::item).orElseThrow(SessionQueries::notFound);
    }

    SessionPage list(SessionFilter filter, long adminId, int page, int pageSize) {
        int size = Math.min(pageSize, MAX_PAGE_SIZE);
        Page<CustomerSession> found =
                sessions.findAll(filter.forAdmin(adminId), PageRequest.of(page - 1, size, LIST_ORDER));
        return new SessionPage(items(found.getContent()), found.getTotalElements(),
                new SessionPage.Pagination(page, found.getTotalPages(), found.hasNext()));
    }

    SessionItem item(CustomerSession session) {
        return items(List.of(session)).getFirst();
    }

    private List<SessionItem> items(List<CustomerSession> page) {
        Map<Long, UserProfile> profiles = users.findAll(page.stream().map(CustomerSession::userId).distinct().toList());
        return page.stream()
                .map(session -> SessionItem.of(session, userInfo(profiles, session.userId())))
                .toList();
    }

    private static SessionItem.UserInfo userInfo(Map<Long, UserProfile> profiles, long userId) {
        UserProfile profile = profiles.get(userId);
        return profile == null ? SessionItem.UserInfo.unknown(userId) : SessionItem.UserInfo.of(profile);
    }

    private static ChatException notFound() {
        return ChatException.notFound("会话不存在");
    }
}

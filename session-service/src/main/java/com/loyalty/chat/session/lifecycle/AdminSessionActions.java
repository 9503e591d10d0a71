package com.loyalty.chat.session.lifecycle;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.session.account.UserDirectory;
import com.loyalty.chat.session.presence.AdminAvailability;

/**
 * What an admin does to a session by hand. These are deliberate choices, so unlike automatic assignment they may take
 * an admin above their maximum (automatic assignment then gives them nothing until they are below it again).
 */
@Service
@Transactional
class AdminSessionActions {

    private final SessionStore store;
    private final SessionTransitions transitions;
    private final UserDirectory users;
    private final Clock clock;

    AdminSessionActions(SessionStore store, SessionTransitions transitions, UserDirectory users, Clock clock) {
        this.store = store;
        this.transitions = transitions;
        this.users = users;
        this.clock = clock;
    }

    void claim(long adminId, String sessionId) {
        lock(sessionId).claimBy(adminId, clock.instant()).ifPresent(transitions::apply);
    }

    /**
     * The target must be another admin who is connected (online or busy): a session handed to someone who is not
     * there would sit unanswered.
     */
    void transfer(long adminId, String sessionId, long toAdminId) {
        if (users.find(toAdminId).isEmpty()) {
            throw ChatException.notFound("目标管理员不存在");
        }
        if (!users.isAdmin(toAdminId)) {
            throw ChatException.invalid("toAdminId: 目标用户不是管理员");
        }
        CustomerSession.Change change = lock(sessionId).transfer(adminId, toAdminId, clock.instant());
        if (transitions.lockAdmins(List.of(adminId, toAdminId)).get(toAdminId).availability()
                == AdminAvailability.OFFLINE) {
            throw ChatException.conflict("目标管理员不在线");
        }
        transitions.apply(change);
    }

    void close(long adminId, String sessionId) {
        transitions.apply(lock(sessionId).closeByAdmin(adminId, clock.instant()));
    }

    private CustomerSession lock(String sessionId) {
        return store.lock(sessionId).orElseThrow(ChatException::sessionNotFound);
    }
}

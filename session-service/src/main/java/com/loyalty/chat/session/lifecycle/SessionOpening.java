package com.loyalty.chat.session.lifecycle;

import java.time.Clock;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.loyalty.chat.chassis.web.Caller;
import com.loyalty.chat.contracts.api.Ids;
import com.loyalty.chat.contracts.events.UserProfile;
import com.loyalty.chat.session.account.UserDirectory;

/**
 * Gives a user their open session, creating it if there is none. The unique key on (user, open marker) decides
 * races: concurrent callers all try to insert, one wins, the others read the winner's row.
 */
@Service
class SessionOpening {

    private final SessionStore store;
    private final SessionTotals totals;
    private final UserDirectory users;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SessionOpening(SessionStore store, SessionTotals totals, UserDirectory users, ApplicationEventPublisher events,
                   PlatformTransactionManager transactionManager, Clock clock) {
        this.store = store;
        this.totals = totals;
        this.users = users;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    Opened open(Caller caller) {
        Optional<CustomerSession> existing = store.findOpenOf(caller.userId());
        if (existing.isPresent()) {
            return new Opened(existing.get().sessionId(), false);
        }
        UserProfile user = users.find(caller.userId()).orElseGet(caller::profile);
        try {
            return new Opened(transactions.execute(status -> create(caller.userId(), user)), true);
        } catch (DataIntegrityViolationException | ConcurrencyFailureException lostRace) {
            // A duplicate key is the expected loss; InnoDB may also pick a loser by deadlock among racing inserts.
            return store.findOpenOf(caller.userId())
                    .map(winner -> new Opened(winner.sessionId(), false))
                    .orElseThrow(() -> lostRace);
        }
    }

    /** The insert runs before publishing, so only a session that exists is ever announced. */
    private String create(long userId, UserProfile user) {
        CustomerSession session = CustomerSession.open(Ids.newSessionId(clock), userId, clock.instant());
        store.insert(session);
        totals.opened();
        events.publishEvent(SessionEvents.opened(session, user));
        return session.sessionId();
    }

    record Opened(String sessionId, boolean created) {
    }
}

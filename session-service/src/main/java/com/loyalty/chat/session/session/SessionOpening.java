package com.loyalty.chat.session.session;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.loyalty.chat.contracts.api.Ids;
import com.loyalty.chat.contracts.events.UserProfile;
import com.loyalty.chat.session.identity.Caller;
import com.loyalty.chat.session.identity.UserDirectory;

/**
 * Gives a user their open session, creating it if there is none. The unique key on (user, open marker) decides
 * races: concurrent callers all try to insert, one wins, the others read the winner's row.
 */
@Service
class SessionOpening {

    private final CustomerSessionRepository sessions;
    private final SessionQueries queries;
    private final UserDirectory users;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SessionOpening(CustomerSessionRepository sessions, SessionQueries queries, UserDirectory users,
                   ApplicationEventPublisher events, PlatformTransactionManager transactionManager, Clock clock) {
        this.sessions = sessions;
        this.queries = queries;
        this.users = users;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    Opened open(Caller caller) {
        Optional<CustomerSession> existing = sessions.findOpenByUserId(caller.userId());
        if (existing.isPresent()) {
            return new Opened(queries.item(existing.get()), false);
        }
        UserProfile user = users.find(caller.userId()).orElseGet(caller::profile);
        try {
            return new Opened(queries.item(transactions.execute(status -> create(caller.userId(), user))), true);
        } catch (DataIntegrityViolationException | ConcurrencyFailureException lostRace) {
            // A duplicate key is the expected loss; InnoDB may also pick a loser by deadlock among racing inserts.
            return sessions.findOpenByUserId(caller.userId())
                    .map(winner -> new Opened(queries.item(winner), false))
                    .orElseThrow(() -> lostRace);
        }
    }

    /** The insert is flushed before publishing, so only a session that exists is ever announced. */
    private CustomerSession create(long userId, UserProfile user) {
        CustomerSession session = CustomerSession.open(Ids.newSessionId(clock), userId,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        sessions.saveAndFlush(session);
        events.publishEvent(SessionEvents.opened(session, user));
        return session;
    }

    record Opened(SessionItem session, boolean created) {
    }
}

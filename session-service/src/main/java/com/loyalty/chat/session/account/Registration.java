package com.loyalty.chat.session.account;

import java.time.Clock;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Registers a plain user the first time a mobile logs in. */
@Component
class Registration {

    private final AccountRepository accounts;
    private final Clock clock;

    Registration(AccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * The insert comes first so that the read after it sees a row a concurrent login may just have committed (a
     * snapshot taken earlier in the transaction would not).
     */
    @Transactional
    Account register(String mobile) {
        accounts.insertIfAbsent(mobile, "用户" + mobile.substring(mobile.length() - 4), clock.instant());
        return accounts.findByMobile(mobile).orElseThrow();
    }
}

package com.loyalty.chat.session.account;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives a fresh deployment its first admins: at start-up, before the service reports itself ready, each mobile of
 * {@link BootstrapProperties#admins()} becomes an admin account, created when missing and promoted when it exists.
 * Each is one upsert on the unique mobile in a transaction of its own, so replicas starting at once all succeed and
 * end with the same single row; an account that already is an admin is left untouched. Nobody is ever demoted: a
 * mobile taken off the list stays an admin. A promoted account's earlier tokens still say it is not; its next login
 * says it is.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final BootstrapProperties properties;
    private final AccountRepository accounts;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AdminBootstrap(BootstrapProperties properties, AccountRepository accounts, TransactionTemplate transactions,
                   Clock clock) {
        this.properties = properties;
        this.accounts = accounts;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (!properties.admins().isEmpty()) {
            ensureAdmins(properties.admins());
            log.info("Bootstrap admins are admin accounts: {}", properties.admins());
        }
    }

    void ensureAdmins(List<String> mobiles) {
        for (String mobile : mobiles) {
            transactions.executeWithoutResult(status -> accounts.upsertAdmin(mobile,
                    "管理员" + mobile.substring(mobile.length() - 4), clock.instant()));
        }
    }
}

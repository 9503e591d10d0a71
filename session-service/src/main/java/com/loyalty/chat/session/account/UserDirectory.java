package com.loyalty.chat.session.account;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.contracts.events.UserProfile;

/** How the rest of the service learns who an account is, without touching identity's tables. */
@Service
@Transactional(readOnly = true)
public class UserDirectory {

    private final AccountRepository accounts;
    private final JdbcClient jdbc;

    UserDirectory(AccountRepository accounts, JdbcClient jdbc) {
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    public Optional<UserProfile> find(long userId) {
        return accounts.findById(userId).map(Account::profile);
    }

    /** Accounts that may act as admins, by id. */
    public List<UserProfile> admins() {
        return accounts.findByAdminTrueOrderByUserId().stream().map(Account::profile).toList();
    }

    public boolean isAdmin(long userId) {
        return accounts.findById(userId).map(Account::admin).orElse(false);
    }

    /**
     * Plain SQL, not the repository: a list page asks for twenty ids at a time, and JPA's {@code findAllById} builds
     * and translates a new criteria query for every call (its IN list changes length), which cost more CPU than all
     * the rest of the page.
     */
    public Map<Long, UserProfile> findAll(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT user_id, nickname, avatar, mobile FROM users WHERE user_id IN (:userIds)")
                .param("userIds", userIds)
                .query((row, number) -> new UserProfile(row.getLong("user_id"), row.getString("nickname"),
                        row.getString("avatar"), row.getString("mobile")))
                .list()
                .stream()
                .collect(Collectors.toMap(UserProfile::userId, Function.identity()));
    }
}

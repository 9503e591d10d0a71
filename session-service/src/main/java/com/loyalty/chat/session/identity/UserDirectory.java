package com.loyalty.chat.session.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.contracts.events.UserProfile;

/** How the rest of the service learns who an account is, without touching identity's tables. */
@Service
@Transactional(readOnly = true)
public class UserDirectory {

    private final AccountRepository accounts;

    UserDirectory(AccountRepository accounts) {
        this.accounts = accounts;
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

    public Map<Long, UserProfile> findAll(Collection<Long> userIds) {
        return accounts.findAllById(userIds).stream()
                .map(Account::profile)
                .collect(Collectors.toMap(UserProfile::userId, Function.identity()));
    }
}

package com.loyalty.chat.session.account;

import java.time.Instant;

import com.loyalty.chat.contracts.events.UserProfile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person who can log in. The same account may act as a user and, when {@code admin}, as an admin. Rows are only
 * ever inserted by {@link AccountRepository#insertIfAbsent} (or the development seeds), never persisted through JPA,
 * which is why the id has no generator here although the column is AUTO_INCREMENT.
 */
@Entity
@Table(name = "users")
class Account {

    @Id
    @Column(name = "user_id")
    private Long userId;

    @Column(nullable = false, length = 20)
    private String mobile;

    @Column(nullable = false, length = 64)
    private String nickname;

    @Column(length = 512)
    private String avatar;

    @Column(name = "is_admin", nullable = false)
    private boolean admin;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Account() {
    }

    long userId() {
        return userId;
    }

    String mobile() {
        return mobile;
    }

    String nickname() {
        return nickname;
    }

    String avatar() {
        return avatar;
    }

    boolean admin() {
        return admin;
    }

    UserProfile profile() {
        return new UserProfile(userId, nickname, avatar, mobile);
    }
}

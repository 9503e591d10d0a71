package com.loyalty.chat.session.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AccountRepository extends JpaRepository<Account, Long> {

    Optional<Account> findByMobile(String mobile);

    List<Account> findByAdminTrueOrderByUserId();

    /** Registers a plain user unless the mobile is taken; racing registrations of one mobile both succeed. */
    @Modifying
    @Query(value = """
            INSERT INTO users (mobile, nickname, is_admin, created_at, updated_at)
            VALUES (:mobile, :nickname, FALSE, :now, :now)
            ON DUPLICATE KEY UPDATE user_id = user_id
            """, nativeQuery = true)
    void insertIfAbsent(@Param("mobile") String mobile, @Param("nickname") String nickname,
                        @Param("now") Instant now);

    /**
     * Makes the mobile an admin account, creating it when missing; racing calls for one mobile all succeed. An account
     * that is an admin already keeps its row as it is ({@code updated_at} is assigned before {@code is_admin}, so it
     * still sees the old value).
     */
    @Modifying
    @Query(value = """
            INSERT INTO users (mobile, nickname, is_admin, created_at, updated_at)
            VALUES (:mobile, :nickname, TRUE, :now, :now)
            ON DUPLICATE KEY UPDATE updated_at = IF(is_admin, updated_at, :now), is_admin = TRUE
            """, nativeQuery = true)
    void upsertAdmin(@Param("mobile") String mobile, @Param("nickname") String nickname, @Param("now") Instant now);
}

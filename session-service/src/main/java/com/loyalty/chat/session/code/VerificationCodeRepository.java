package com.loyalty.chat.session.code;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface VerificationCodeRepository extends JpaRepository<VerificationCode, String> {

    /**
     * Native on purpose: for a pessimistic lock the MySQL dialect writes {@code FOR UPDATE OF <alias>}, which
     * MariaDB rejects.
     */
    @Query(value = "SELECT * FROM verification_codes WHERE mobile = :mobile FOR UPDATE", nativeQuery = true)
    Optional<VerificationCode> findForUpdate(@Param("mobile") String mobile);

    /** 1 when this is the mobile's first code; 0 when it already has one (IGNORE only ever meets the key here). */
    @Modifying
    @Query(value = """
            INSERT IGNORE INTO verification_codes (mobile, code_hash, issued_at, expires_at, failed_attempts)
            VALUES (:mobile, :codeHash, :issuedAt, :expiresAt, 0)
            """, nativeQuery = true)
    int insertFirst(@Param("mobile") String mobile, @Param("codeHash") String codeHash,
                    @Param("issuedAt") Instant issuedAt, @Param("expiresAt") Instant expiresAt);

    /** Replaces the mobile's code if the previous one is old enough to allow a resend; 1 when replaced. */
    @Modifying
    @Query(value = """
            UPDATE verification_codes
               SET code_hash = :codeHash, issued_at = :issuedAt, expires_at = :expiresAt, failed_attempts = 0
             WHERE mobile = :mobile AND issued_at <= :resendAllowedBefore
            """, nativeQuery = true)
    int replaceIfResendAllowed(@Param("mobile") String mobile, @Param("codeHash") String codeHash,
                               @Param("issuedAt") Instant issuedAt, @Param("expiresAt") Instant expiresAt,
                               @Param("resendAllowedBefore") Instant resendAllowedBefore);
}

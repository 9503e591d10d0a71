package com.loyalty.chat.session.code;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one code currently issued to a mobile, kept only as a hash. */
@Entity
@Table(name = "verification_codes")
class VerificationCode {

    @Id
    @Column(length = 20)
    private String mobile;

    @Column(name = "code_hash", nullable = false, length = 64)
    private String codeHash;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    protected VerificationCode() {
    }

    String codeHash() {
        return codeHash;
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Counts a wrong guess; true when the code has had enough of them. */
    boolean failAttempt(int maxAttempts) {
        failedAttempts++;
        return failedAttempts >= maxAttempts;
    }
}

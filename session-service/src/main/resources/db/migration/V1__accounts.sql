-- Accounts and their SMS login codes. Ids of registered users start at 1000, above any seeded account.
CREATE TABLE users (
    user_id    BIGINT       NOT NULL AUTO_INCREMENT,
    mobile     VARCHAR(20)  NOT NULL,
    nickname   VARCHAR(64)  NOT NULL,
    avatar     VARCHAR(512) NULL,
    is_admin   BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at DATETIME(3)  NOT NULL,
    updated_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (user_id),
    UNIQUE KEY uk_users_mobile (mobile)
) ENGINE = InnoDB AUTO_INCREMENT = 1000 DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One live code per mobile, stored as SHA-256 of "mobile:code"; issued_at enforces the resend interval.
CREATE TABLE verification_codes (
    mobile          VARCHAR(20) NOT NULL,
    code_hash       VARCHAR(64) NOT NULL,
    issued_at       DATETIME(3) NOT NULL,
    expires_at      DATETIME(3) NOT NULL,
    failed_attempts INT         NOT NULL DEFAULT 0,
    PRIMARY KEY (mobile)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

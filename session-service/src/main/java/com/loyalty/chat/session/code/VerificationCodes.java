package com.loyalty.chat.session.code;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;

/**
 * Issues and checks SMS login codes. Only a hash is stored; a code dies after use, expiry or too many wrong
 * guesses, and the resend limit is enforced by the database row itself so every replica sees it.
 */
@Service
public class VerificationCodes {

    private final VerificationCodeRepository codes;
    private final CodeSender sender;
    private final CodeProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    VerificationCodes(VerificationCodeRepository codes, CodeSender sender, CodeProperties properties, Clock clock) {
        this.codes = codes;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public void issue(String mobile) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.ttl());
        String code = "%06d".formatted(random.nextInt(1_000_000));
        String hash = hash(mobile, code);
        boolean stored = codes.insertFirst(mobile, hash, now, expiresAt) == 1
                || codes.replaceIfResendAllowed(mobile, hash, now, expiresAt,
                now.minus(properties.resendInterval())) == 1;
        if (!stored) {
            throw new ChatException(ErrorCode.RATE_LIMITED, "验证码发送过于频繁，请稍后再试");
        }
        // Inside the transaction: if delivery fails the code is not kept, so the user may ask again at once.
        sender.send(mobile, code);
    }

    /** True when the code is valid for the mobile; a valid issued code is consumed. */
    @Transactional
    public boolean verify(String mobile, String code) {
        if (properties.hasFixedCode() && properties.fixedCode().equals(code)) {
            return true;
        }
        return codes.findForUpdate(mobile).map(issued -> check(issued, mobile, code)).orElse(false);
    }

    private boolean check(VerificationCode issued, String mobile, String code) {
        if (issued.expiredAt(clock.instant())) {
            codes.delete(issued);
            return false;
        }
        if (MessageDigest.isEqual(bytes(issued.codeHash()), bytes(hash(mobile, code)))) {
            codes.delete(issued);
            return true;
        }
        if (issued.failAttempt(properties.maxAttempts())) {
            codes.delete(issued);
        }
        return false;
    }

    private static String hash(String mobile, String code) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(bytes(mobile + ':' + code)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

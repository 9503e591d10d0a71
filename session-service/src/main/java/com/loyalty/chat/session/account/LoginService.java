package com.loyalty.chat.session.account;

import org.springframework.stereotype.Service;

import com.loyalty.chat.chassis.web.Caller;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.session.code.VerificationCodes;
import com.loyalty.chat.session.token.TokenIssuer;

@Service
class LoginService {

    private final VerificationCodes codes;
    private final Registration registration;
    private final AccountRepository accounts;
    private final TokenIssuer tokens;

    LoginService(VerificationCodes codes, Registration registration, AccountRepository accounts, TokenIssuer tokens) {
        this.codes = codes;
        this.registration = registration;
        this.accounts = accounts;
        this.tokens = tokens;
    }

    void sendCode(String mobile) {
        codes.issue(mobile);
    }

    LoginResult login(String mobile, String verificationCode) {
        if (!codes.verify(mobile, verificationCode)) {
            throw ChatException.invalid("verificationCode: 验证码错误或已过期");
        }
        Account account = accounts.findByMobile(mobile).orElseGet(() -> registration.register(mobile));
        TokenIssuer.IssuedToken token = tokens.issue(account.profile(), account.admin());
        return new LoginResult(token.value(), "Bearer", token.expiresInSeconds(), UserView.of(account));
    }

    /** A valid token whose account no longer exists is as good as an invalid one. */
    UserView me(Caller caller) {
        return accounts.findById(caller.userId()).map(UserView::of)
                .orElseThrow(() -> new ChatException(ErrorCode.TOKEN_INVALID));
    }
}

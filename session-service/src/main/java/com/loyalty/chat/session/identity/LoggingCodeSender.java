package com.loyalty.chat.session.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stand-in until an SMS gateway is wired: in development it logs the code so people can log in; elsewhere it
 * never logs the code itself, only that nothing was sent.
 */
class LoggingCodeSender implements CodeSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingCodeSender.class);

    private final boolean logCodes;

    LoggingCodeSender(boolean logCodes) {
        this.logCodes = logCodes;
    }

    @Override
    public void send(String mobile, String code) {
        if (logCodes) {
            log.info("Login code for {}: {}", mobile, code);
        } else {
            log.warn("No SMS gateway is configured: the login code for {} was not delivered", masked(mobile));
        }
    }

    private static String masked(String mobile) {
        return mobile.substring(0, 3) + "****" + mobile.substring(mobile.length() - 4);
    }
}

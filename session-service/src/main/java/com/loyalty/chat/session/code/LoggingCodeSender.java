package com.loyalty.chat.session.code;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The development profile's sender: it only logs the code, so people can log in without an SMS gateway. */
class LoggingCodeSender implements CodeSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingCodeSender.class);

    @Override
    public void send(String mobile, String code) {
        log.info("Login code for {}: {}", mobile, code);
    }
}

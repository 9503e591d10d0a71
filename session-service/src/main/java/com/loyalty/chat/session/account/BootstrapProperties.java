package com.loyalty.chat.session.account;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a fresh deployment starts with.
 *
 * @param admins mobiles that are admin accounts from start-up on ({@code CHAT_BOOTSTRAP_ADMINS}, comma-separated):
 *               created when missing, promoted when they exist
 */
@ConfigurationProperties("chat.session.bootstrap")
record BootstrapProperties(@DefaultValue List<String> admins) {

    BootstrapProperties {
        admins = admins.stream().map(String::strip).filter(mobile -> !mobile.isEmpty()).distinct().toList();
        for (String mobile : admins) {
            if (!Mobiles.isValid(mobile)) {
                throw new IllegalArgumentException("CHAT_BOOTSTRAP_ADMINS (chat.session.bootstrap.admins) holds \""
                        + mobile + "\", which is not a mobile number (11 digits, e.g. 13612227930)");
            }
        }
    }
}

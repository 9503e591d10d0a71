package com.loyalty.chat.realtime.handshake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param accessLog one line per HTTP request (handshakes included) on the application log, with the gateway's
 *                  {@code X-Request-Id}: method, path and protocol, never the query string
 */
@ConfigurationProperties("chat.realtime.handshake")
record HandshakeProperties(@DefaultValue("true") boolean accessLog) {
}

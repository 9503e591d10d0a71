package com.loyalty.chat.realtime.connection;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param heartbeatInterval what {@code connection_established} tells clients to heartbeat within
 * @param idleTimeout a connection that sends no frame for this long is closed
 * @param idleCheckInterval how often idle connections are looked for; a connection may live this much longer
 * @param maxFrameSize a larger client frame closes the connection with 1009; Tomcat counts it in decoded
 *                     characters, which equals bytes for the ASCII of JSON syntax
 * @param sendTimeLimit a client whose socket has not taken a frame for this long is closed as too slow
 * @param sendBufferSize a client with this much queued for it is closed as too slow, rather than the node holding
 *                       ever more memory for it
 * @param allowedOriginPatterns browser origins that may connect; tokens travel in the URL, not in cookies, so a
 *                              foreign page cannot ride on a user's ambient credentials
 */
@ConfigurationProperties("chat.realtime.connection")
record ConnectionProperties(
        @DefaultValue("90s") Duration heartbeatInterval,
        @DefaultValue("90s") Duration idleTimeout,
        @DefaultValue("5s") Duration idleCheckInterval,
        @DefaultValue("64KB") DataSize maxFrameSize,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("512KB") DataSize sendBufferSize,
        @DefaultValue("*") List<String> allowedOriginPatterns) {
}

package com.loyalty.chat.realtime.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param heartbeatInterval how often the node says it is alive; consumers presume it dead after a few missed
 * @param linger how long a presence event may wait for others to go to the broker with it ({@code linger.ms} of the
 *               presence producer); the node's commands, on the message path, do not wait
 */
@ConfigurationProperties("chat.realtime.presence")
record PresenceProperties(
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("20ms") Duration linger) {
}

package com.loyalty.chat.realtime.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param heartbeatInterval how often the node says it is alive; consumers presume it dead after a few missed
 */
@ConfigurationProperties("chat.realtime.presence")
record PresenceProperties(
        @DefaultValue("10s") Duration heartbeatInterval) {
}

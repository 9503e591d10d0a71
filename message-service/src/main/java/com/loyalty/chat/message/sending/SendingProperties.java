package com.loyalty.chat.message.sending;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and waits of message sending.
 *
 * @param maxContentBytes longest content in UTF-8 bytes (the contract's 16 KB; {@code content} is a TEXT column,
 *                        so at most 65535)
 * @param maxAttachments most attachments on one message
 * @param unknownSession how long a Kafka send to a session the view does not know yet waits for its SessionOpened
 */
@ConfigurationProperties("chat.message.sending")
record SendingProperties(@DefaultValue("16384") int maxContentBytes, @DefaultValue("10") int maxAttachments,
                         @DefaultValue UnknownSession unknownSession) {

    /**
     * The SessionOpened of a session just opened can reach this service a few milliseconds after its first message.
     *
     * @param commandPatience how long a Kafka send waits for its session (aside, holding up no other command) before
     *                        it is refused with 4004
     * @param recheckInterval how often waiting Kafka sends are looked at again
     */
    record UnknownSession(@DefaultValue("3s") Duration commandPatience,
                          @DefaultValue("200ms") Duration recheckInterval) {
    }
}

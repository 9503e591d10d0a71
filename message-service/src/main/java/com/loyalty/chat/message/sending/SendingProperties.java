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
 * @param unknownSession how long a message to a session the view does not know yet waits for its SessionOpened
 */
@ConfigurationProperties("chat.message.sending")
record SendingProperties(@DefaultValue("16384") int maxContentBytes, @DefaultValue("10") int maxAttachments,
                         @DefaultValue UnknownSession unknownSession) {

    /**
     * @param commandPatience total wait for a Kafka command; the command's partition waits with it, so keep it short
     * @param restPatience total wait for a REST send, which holds the caller's request
     * @param initialBackoff first pause before looking again; pauses double up to {@code maxBackoff}
     */
    record UnknownSession(@DefaultValue("15s") Duration commandPatience, @DefaultValue("2s") Duration restPatience,
                          @DefaultValue("50ms") Duration initialBackoff, @DefaultValue("2s") Duration maxBackoff) {
    }
}

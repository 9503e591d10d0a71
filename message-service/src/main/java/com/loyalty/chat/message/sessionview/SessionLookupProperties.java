package com.loyalty.chat.message.sessionview;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a REST request looks for a session the view does not hold yet.
 *
 * @param patience how long it looks before it answers 4004; a session just opened normally shows up within
 *                 milliseconds, but a busy broker or consumer can take a few hundred
 * @param initialPause first pause before it looks again; pauses double up to {@code maxPause}
 * @param maxPause longest pause between two looks
 */
@ConfigurationProperties("chat.message.session-lookup")
record SessionLookupProperties(@DefaultValue("1s") Duration patience,
                               @DefaultValue("50ms") Duration initialPause,
                               @DefaultValue("200ms") Duration maxPause) {
}

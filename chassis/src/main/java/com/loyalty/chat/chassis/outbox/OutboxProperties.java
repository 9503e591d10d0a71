package com.loyalty.chat.chassis.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox is written and relayed.
 *
 * @param resubmitOlderThan a row no relay of this process is sending and still in the outbox this long after it was
 *                          stored is sent again (rows this process is sending are never sent twice by it; the wait
 *                          keeps it off the rows another replica is sending right now). A transaction whose commit has
 *                          not finished after this long is left to resubmission too.
 * @param resubmitInterval  how often to look for such rows
 * @param maxRowChars       most characters of event JSON in one outbox row (at least one event per row): a
 *                          transaction's events normally share one row; with up to 3 bytes of UTF-8 a character,
 *                          500,000 keep a row well under MariaDB's 16 MB {@code max_allowed_packet}
 * @param drainTimeout      on shutdown, how long the relay may take to send what committed and see it acknowledged;
 *                          whatever is left stays in the outbox for the next start
 */
@ConfigurationProperties("chat.outbox")
public record OutboxProperties(@DefaultValue("30s") Duration resubmitOlderThan,
                               @DefaultValue("10s") Duration resubmitInterval,
                               @DefaultValue("500000") int maxRowChars,
                               @DefaultValue("10s") Duration drainTimeout) {
}

package com.loyalty.chat.message.sending;

import com.loyalty.chat.chassis.kafka.TransientFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Looks at the waiting sends every {@code chat.message.sending.unknown-session.recheck-interval}. */
@Component
class WaitingSendsSettling implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WaitingSendsSettling.class);

    private final MessageSending sending;
    private final SendingProperties properties;

    WaitingSendsSettling(MessageSending sending, SendingProperties properties) {
        this.sending = sending;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::settle, properties.unknownSession().recheckInterval());
    }

    /** Whatever fails now is still waiting at the next look; a database that is away is not worth an alarm. */
    private void settle() {
        try {
            sending.settleWaitingSends();
        }
        catch (RuntimeException failure) {
            if (TransientFailures.isTransient(failure)) {
                log.debug("Waiting sends not settled, will look again: {}", failure.toString());
            }
            else {
                log.error("Waiting sends not settled, will look again", failure);
            }
        }
    }
}

package com.loyalty.chat.chassis.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How consumers of every service behave.
 *
 * @param sessionTimeout how long the broker waits for a silent member before it hands its partitions to others.
 *        Short, because a crashed replica that comes back under another name (a replaced pod) leaves its partitions
 *        idle for this long; a replica that comes back under its own instance id takes them back at once.
 * @param retry the pauses between attempts while a failure is transient
 * @param topics how the topics a service declares are created
 */
@ConfigurationProperties("chat.kafka")
public record ChassisKafkaProperties(@DefaultValue("10s") Duration sessionTimeout, @DefaultValue Retry retry,
                                     @DefaultValue Topics topics) {

    /**
     * @param initialInterval the first pause after a transient failure
     * @param maxInterval the longest pause; attempts go on at this pace for as long as the failure lasts
     */
    public record Retry(@DefaultValue("200ms") Duration initialInterval, @DefaultValue("5s") Duration maxInterval) {
    }

    /**
     * @param partitions partitions of every topic, whichever service creates it first: a topic's key decides its
     *        partition, so all declarations must agree, and this is the one setting they all read. The replication
     *        factor is the broker's default.
     */
    public record Topics(@DefaultValue("6") int partitions) {
    }
}

package com.loyalty.chat.session;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.localstack.LocalStackInitializer;

/**
 * The whole service on a random port against the local stack's MariaDB and Kafka, with the development profile's
 * seeds and fixed code. Every test class using it shares one application context (and one consumer in the
 * {@code session-service} group). The service's clock is a {@link TestClock}; {@link Fixtures} use it too.
 * Outbox rows left behind are looked for every second, not every 10; dead nodes and offline admins are looked
 * for every 200 ms, so a test that moves the clock past a TTL or grace period sees the effect at once. Assignment's
 * safety-net sweep keeps its default, so that tests see assignments made by their triggers. The access log is on, with
 * the service's own pattern, written to {@code target/access-log/access.log} (stdout is Surefire's channel).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.outbox.resubmit-interval=1s",
        "chat.session.presence.sweep-interval=200ms",
        "chat.session.assignment.requeue-check-interval=200ms",
        "server.tomcat.accesslog.enabled=true",
        "server.tomcat.accesslog.directory=${user.dir}/target/access-log",
        "server.tomcat.accesslog.prefix=access",
        "server.tomcat.accesslog.suffix=.log"})
@Import(ServiceTestConfiguration.class)
@ContextConfiguration(initializers = LocalStackInitializer.class)
@ActiveProfiles("dev")
@AutoConfigureRestTestClient
public @interface ServiceTest {
}

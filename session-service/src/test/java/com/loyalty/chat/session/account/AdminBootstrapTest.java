package com.loyalty.chat.session.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.loyalty.chat.session.Api;

import tools.jackson.databind.JsonNode;

/** CHAT_BOOTSTRAP_ADMINS: who is an admin once the service has started, however many replicas start at once. */
class AdminBootstrapTest extends ProductionServiceTest {

    @Autowired
    RestTestClient rest;

    @Autowired
    AdminBootstrap bootstrap;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
    }

    @Test
    void bootstrapAdminLogsInAsAnAdminAfterStart() {
        JsonNode user = login(BOOTSTRAP_ADMIN).get("user");

        assertThat(user.get("mobile").asString()).isEqualTo(BOOTSTRAP_ADMIN);
        assertThat(user.get("isAdmin").asBoolean()).isTrue();
        assertThat(user.get("nickname").asString()).isEqualTo("管理员0001");
    }

    @Test
    void everyMobileOfTheCommaSeparatedListIsAnAdmin() {
        assertThat(login(OTHER_BOOTSTRAP_ADMIN).get("user").get("isAdmin").asBoolean()).isTrue();
    }

    @Test
    void bootstrapAdminMayUseTheAdminApi() {
        JsonNode login = login(BOOTSTRAP_ADMIN);

        Api.Reply admins = api.get("/api/v2/admin/chat/admins", login.get("token").asString());

        assertThat(admins.status()).isEqualTo(200);
        assertThat(admins.data().get("admins").valueStream().map(admin -> admin.get("userId").asLong()))
                .contains(login.get("user").get("userId").asLong());
    }

    @Test
    void existingPlainUserIsPromotedAndKeepsTheirAccount() {
        String mobile = Api.newMobile();
        JsonNode before = login(mobile).get("user");

        bootstrap.ensureAdmins(List.of(mobile));

        JsonNode after = login(mobile).get("user");
        assertThat(before.get("isAdmin").asBoolean()).isFalse();
        assertThat(after.get("isAdmin").asBoolean()).isTrue();
        assertThat(after.get("userId")).isEqualTo(before.get("userId"));
        assertThat(after.get("nickname")).isEqualTo(before.get("nickname"));
    }

    @Test
    void replicasStartingAtOnceAllSucceedAndLeaveOneAdminAccount() {
        String mobile = Api.newMobile();
        int replicas = 4;
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newFixedThreadPool(replicas)) {
            List<CompletableFuture<Void>> runs = IntStream.range(0, replicas)
                    .mapToObj(replica -> CompletableFuture.runAsync(() -> {
                        await(start);
                        bootstrap.ensureAdmins(List.of(mobile));
                    }, executor))
                    .toList();
            start.countDown();

            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        }

        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE mobile = ? AND is_admin").param(mobile)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void accountThatIsAnAdminAlreadyIsLeftUntouched() {
        String mobile = Api.newMobile();
        bootstrap.ensureAdmins(List.of(mobile));
        Map<String, Object> before = row(mobile);

        bootstrap.ensureAdmins(List.of(mobile));

        assertThat(row(mobile)).isEqualTo(before);
    }

    private Map<String, Object> row(String mobile) {
        return jdbc.sql("SELECT * FROM users WHERE mobile = ?").param(mobile).query().singleRow();
    }

    /** Logs in with the code the SMS webhook was sent; answers the login's data. */
    private JsonNode login(String mobile) {
        Api.Reply sent = api.post("/api/v2/auth/send-code", null, Map.of("mobile", mobile));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        Api.Reply login = api.post("/api/v2/auth/login", null,
                Map.of("mobile", mobile, "verificationCode", SMS.lastDeliveryTo(mobile).code()));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.data();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

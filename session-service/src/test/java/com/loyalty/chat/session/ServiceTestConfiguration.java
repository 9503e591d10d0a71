package com.loyalty.chat.session;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

@TestConfiguration(proxyBeanMethods = false)
class ServiceTestConfiguration {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    Api api(RestTestClient rest) {
        return new Api(rest);
    }

    @Bean(destroyMethod = "close")
    Fixtures fixtures(Api api, JdbcClient jdbc, TransactionTemplate transactions,
                      @Value("${spring.kafka.bootstrap-servers}") String kafka, TestClock clock) {
        return new Fixtures(api, jdbc, transactions, kafka, clock);
    }
}

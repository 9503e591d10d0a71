package com.loyalty.chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.loyalty.chat.localstack.LocalStackInitializer;

/** The staff console and the diner page come from the gateway, without a token, beside the API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = LocalStackInitializer.class)
class ConsolePagesTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void servesTheConsolePageAtItsFolderWithoutAToken() {
        String page = client().get().uri("/console/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noCache())
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<script type=\"module\" src=\"console.js\">");
    }

    @Test
    void servesTheDinerPageAtItsFolder() {
        String page = client().get().uri("/diner/").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<script type=\"module\" src=\"diner.js\">");
    }

    @Test
    void redirectsTheBareFolderNameToTheFolder() {
        client().get().uri("/console").exchange()
                .expectStatus().isEqualTo(HttpStatus.PERMANENT_REDIRECT)
                .expectHeader().location("/console/");
    }

    @Test
    void servesModulesAsJavaScript() {
        String type = client().get().uri("/console/lib/api.js").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getContentType().toString();
        assertThat(type).contains("javascript");
    }

    @Test
    void answersAFileThatIsNotThereWithTheEnvelopes4004() {
        client().get().uri("/console/no-such-file.js").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo(4004);
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }
}

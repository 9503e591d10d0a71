package com.loyalty.chat.message;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring MVC's own refusals answer in the envelope, with their real status. */
class WebErrorsTest extends MessageServiceTest {

    @LocalServerPort
    int port;

    @Test
    void aMethodThePathDoesNotTakeAnswers405() {
        Answer answer = envelopeOf(http.delete().uri(USER_CHAT + newSessionId() + "/messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + userToken(newUserId())));

        assertRefused(answer, 405, 4000, "DELETE");
    }

    @Test
    void anAcceptHeaderWithoutJsonAnswers406InJsonAll() {
        long userId = newUserId();
        String sessionId = openSession(userId);

        Answer answer = envelopeOf(http.get().uri(USER_CHAT + sessionId + "/messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + userToken(userId))
                .accept(MediaType.APPLICATION_XML));

        assertRefused(answer, 406, 4000, "");
    }

    @Test
    void aBodyThatIsNotJsonByItsContentTypeAnswers415() throws Exception {
        long userId = newUserId();
        String sessionId = openSession(userId);

        Answer answer = envelopeOf(http.post().uri(USER_CHAT + sessionId + "/messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + userToken(userId))
                .contentType(MediaType.TEXT_PLAIN)
                .body("hello"));

        assertRefused(answer, 415, 4000, "text/plain");
        assertRefused(rawPost(USER_CHAT + sessionId + "/messages", userToken(userId),
                "application/json; charset=klingon", "{\"content\": \"hi\"}"), 415, 4000, "");
        assertThat(rowsOf(sessionId)).isEmpty();
    }

    @Test
    void anUnreadableBodyAnswers400() {
        long userId = newUserId();
        String sessionId = openSession(userId);

        assertRefused(post(USER_CHAT + sessionId + "/messages", userToken(userId), "{\"content\": \"hi\""),
                400, 4000, "JSON");
        assertRefused(post(ADMIN_CHAT + sessionId + "/read", adminToken(newUserId()), "{\"messageIds\": 7"),
                400, 4000, "messageIds");
        assertRefused(envelopeOf(http.post().uri(USER_CHAT + sessionId + "/messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + userToken(userId))
                .contentType(MediaType.APPLICATION_JSON)
                .body(new byte[] {'{', '"', 'c', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'})), 400, 4000, "");
    }

    @Test
    void aParameterOfTheWrongTypeOrTooLargeAnswers400NamingIt() {
        long userId = newUserId();
        String sessionId = openSession(userId);
        String token = userToken(userId);

        assertRefused(get(USER_CHAT + sessionId + "/messages?pageSize=99999999999", token), 400, 4000, "pageSize");
        assertRefused(get(USER_CHAT + sessionId + "/messages?page=1.5", token), 400, 4000, "page");
        assertRefused(get("/api/v2/chat/offline-messages?limit=-99999999999", token), 400, 4000, "limit");
    }

    @Test
    void aPathTheFirewallRefusesAnswers400() {
        Answer answer = envelopeOf(http.get().uri(URI.create(USER_CHAT + "a;b/messages"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + userToken(newUserId())));

        assertRefused(answer, 400, 4000, "");
    }

    @Test
    void anUnknownPathAnswers404() {
        assertRefused(get("/api/v2/chat/nothing-here", userToken(newUserId())), 404, 4004, "");
    }

    /** Sends what Spring's own clients refuse to send. */
    private Answer rawPost(String path, String token, String contentType, String body) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header(HttpHeaders.CONTENT_TYPE, contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValueSatisfying(type ->
                    assertThat(MediaType.parseMediaType(type).isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue());
            return new Answer(response.statusCode(), json.readTree(response.body()));
        }
    }

    private Answer envelopeOf(RestTestClient.RequestHeadersSpec<?> request) {
        var result = request.exchange().returnResult(String.class);
        assertThat(result.getResponseHeaders().getContentType()).satisfies(type ->
                assertThat(type.isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue());
        return new Answer(((ExchangeResult) result).getStatus().value(), json.readTree(result.getResponseBody()));
    }
}

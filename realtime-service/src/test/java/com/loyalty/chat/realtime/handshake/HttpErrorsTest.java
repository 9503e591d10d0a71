package com.loyalty.chat.realtime.handshake;

import static com.loyalty.chat.realtime.support.ContractFormats.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.realtime.NodeTest;
import com.loyalty.chat.realtime.support.Kafka;
import com.loyalty.chat.realtime.support.TestAccount;

import tools.jackson.databind.JsonNode;

/** Whatever Spring MVC or the handshake refuses on this node's HTTP surface answers in the contract's envelope. */
class HttpErrorsTest extends NodeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String token = TestAccount.next("http errors").userToken();

    @Test
    void aMethodAnEndpointDoesNotTakeIsAnswered405InTheEnvelope() throws Exception {
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/actuator/health"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
        HttpResponse<String> handshake = send(HttpRequest.newBuilder(uri("/ws?token=" + token))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertEnvelope(health, 405, 4000);
        assertEnvelope(handshake, 405, 4000);
        assertThat(handshake.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void anAcceptHeaderTheEndpointCannotSatisfyIsAnswered406InTheEnvelope() throws Exception {
        assertEnvelope(send(HttpRequest.newBuilder(uri("/actuator/health")).header("Accept", "application/xml")),
                406, 4000);
    }

    @Test
    void aPlainGetOfAWebSocketEndpointIsAnswered400InTheEnvelope() throws Exception {
        assertEnvelope(send(HttpRequest.newBuilder(uri("/ws?token=" + token))), 400, 4000);
        assertEnvelope(send(HttpRequest.newBuilder(uri("/chat?token=" + token)).header("Accept", "text/html")),
                400, 4000);
    }

    @Test
    void anUnknownPathIsAnswered404InTheEnvelopeWhateverTheClientAccepts() throws Exception {
        assertEnvelope(send(HttpRequest.newBuilder(uri("/nothing-here"))), 404, 4004);
        assertEnvelope(send(HttpRequest.newBuilder(uri("/nothing-here")).header("Accept", "application/xml")),
                404, 4004);
        assertEnvelope(send(HttpRequest.newBuilder(uri("/nothing-here")).header("Accept", "text/html")),
                404, 4004);
    }

    @Test
    void theErrorPathAskedDirectlyIsAnUnknownPathNotAnInternalError() throws Exception {
        assertEnvelope(send(HttpRequest.newBuilder(uri("/error"))), 404, 4004);
    }

    private static void assertEnvelope(HttpResponse<String> response, int status, int code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode envelope = Kafka.JSON.readTree(response.body());
        assertThat(envelope.path("success").asBoolean()).isFalse();
        assertThat(envelope.path("code").asInt()).isEqualTo(code);
        assertThat(envelope.path("msg").asString()).isNotBlank();
        assertThat(envelope.has("data")).isTrue();
        assertThat(envelope.path("data").isNull()).isTrue();
        assertThat(envelope.path("timestamp").asString()).matches(TIMESTAMP);
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

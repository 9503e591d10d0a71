package com.loyalty.chat.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.api.Ids;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ContractJsonTest {

    private final JsonMapper mapper = JsonMapper.builder().findAndAddModules().build();

    @Test
    void envelopeTimestampAlwaysHasMillisecondsAndZ() {
        var response = new ApiResponse<>(true, 0, "ok", null, Instant.parse("2025-08-12T18:13:49Z"));

        JsonNode json = mapper.readTree(mapper.writeValueAsString(response));

        assertThat(json.get("timestamp").asString()).isEqualTo("2025-08-12T18:13:49.000Z");
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("data").isNull()).isTrue();
    }

    @Test
    void errorEnvelopeIsUnsuccessfulWithNullData() {
        JsonNode json = mapper.readTree(mapper.writeValueAsString(ApiResponse.error(ErrorCode.TOKEN_INVALID)));

        assertThat(json.get("success").asBoolean()).isFalse();
        assertThat(json.get("code").asInt()).isEqualTo(4002);
        assertThat(json.get("msg").asString()).isEqualTo("访问令牌无效或已过期");
    }

    @Test
    void eventsRoundTripThroughTheirSealedInterfaceWithWireNames() {
        MessageEvent stored = new MessageEvent.MessageStored(MessageEvent.SCHEMA_VERSION, "e1", "session_1_abcdef01",
                Instant.parse("2025-08-12T18:30:00.123Z"), "msg_1_abcdef01", 7, 31, SenderType.USER, "管理员用户",
                null, "hi", MessageType.TEXT, "temp_1", List.of(), 31, null);

        String json = mapper.writeValueAsString(stored);

        assertThat(mapper.readTree(json).get("type").asString()).isEqualTo("MessageStored");
        assertThat(mapper.readTree(json).get("senderType").asString()).isEqualTo("user");
        assertThat(mapper.readValue(json, MessageEvent.class)).isEqualTo(stored);
    }

    @Test
    void idsFollowTheSeedFormats() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1754985854512L), java.time.ZoneOffset.UTC);

        assertThat(Ids.newSessionId(clock)).matches("session_1754985854512_[0-9a-f]{8}");
        assertThat(Ids.newMessageId(clock)).matches("msg_1754985854512_[0-9a-f]{8}");
    }
}

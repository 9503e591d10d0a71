package com.loyalty.chat.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.loyalty.chat.contracts.events.Attachment;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageEvent.MessageRejected;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.MessageEvent.MessagesRead;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.message.messaging.OutboxBatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventSerializer;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTest extends MessageServiceTest {

    @Autowired
    EventSerializer serializer;

    /** Republishing after a crash or a failed send reads the stored publication back with this serializer. */
    @Test
    void aStoredPublicationReadsBackAsTheSameEventsInTheSameOrder() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String sessionId = newSessionId();
        OutboxBatch batch = new OutboxBatch(List.of(
                new MessageStored(MessageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), sessionId, now,
                        "msg_1_00000001", 7, 42, SenderType.USER, "用户", null, "图片", MessageType.IMAGE, "temp-1",
                        List.of(new Attachment("https://files.example.com/a.png", "a.png", 10, "image/png")), 42, 9L),
                new MessageRejected(MessageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), sessionId, now,
                        "command-1", 42, SenderType.USER, "temp-2", 4013, "content exceeds 16384 bytes"),
                new MessagesRead(MessageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), sessionId, now, 9,
                        SenderType.ADMIN, List.of("msg_1_00000001"), 42, null)));

        Object stored = serializer.serialize(batch);

        assertThat(serializer.deserialize(stored, OutboxBatch.class)).isEqualTo(batch);
    }
}

package com.loyalty.chat.message.sending;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.loyalty.chat.contracts.events.Attachment;
import com.loyalty.chat.contracts.events.MessageType;

/**
 * The body of a REST send. Anything else in it ({@code adminId}, {@code senderId}, {@code senderInfo}) is ignored:
 * who sends comes from the token. A missing {@code messageType} means text, as in the seed table.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SendMessageBody(String content, MessageType messageType, String tempMessageId, List<Attachment> attachments) {

    MessageType messageTypeOrText() {
        return messageType == null ? MessageType.TEXT : messageType;
    }
}

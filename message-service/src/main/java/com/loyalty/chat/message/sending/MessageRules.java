package com.loyalty.chat.message.sending;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.events.Attachment;
import com.loyalty.chat.contracts.events.MessageCommand.Sender;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.message.sending.SendOutcome.Rejected;
import com.loyalty.chat.message.sessionview.SessionView;
import org.springframework.stereotype.Component;

/** The rules a message must pass, the same for Kafka and REST. */
@Component
class MessageRules {

    private static final int MAX_TEMP_MESSAGE_ID_LENGTH = 100;

    private final SendingProperties properties;

    MessageRules(SendingProperties properties) {
        this.properties = properties;
    }

    /** Checks the message itself; needs no session. */
    Optional<Rejected> checkMessage(SendRequest request) {
        MessageType type = request.messageType();
        if (type == null) {
            return invalid("messageType is required");
        }
        if (type == MessageType.SYSTEM) {
            return invalid("messageType: system messages are written by the server only");
        }
        String content = request.content() == null ? "" : request.content();
        if (type == MessageType.TEXT && content.isBlank()) {
            return invalid("content must not be blank");
        }
        if (content.getBytes(StandardCharsets.UTF_8).length > properties.maxContentBytes()) {
            return Optional.of(new Rejected(ErrorCode.CONTENT_TOO_LARGE,
                    "content exceeds " + properties.maxContentBytes() + " bytes"));
        }
        if (request.tempMessageId() != null && request.tempMessageId().length() > MAX_TEMP_MESSAGE_ID_LENGTH) {
            return invalid("tempMessageId must be at most " + MAX_TEMP_MESSAGE_ID_LENGTH + " characters");
        }
        return checkAttachments(type, request.attachments());
    }

    /** Checks that the sender may write into the session as the view knows it. */
    Optional<Rejected> checkSession(SessionView session, Sender sender) {
        return switch (sender.type()) {
            // Another user's session is answered like a missing one: its existence is not revealed.
            case USER -> !session.isOwnedBy(sender.userId()) ? rejected(ErrorCode.NOT_FOUND, "session not found")
                    : session.isClosed() ? rejected(ErrorCode.CONFLICT, "session is closed")
                    : Optional.empty();
            case ADMIN -> session.isClosed() ? rejected(ErrorCode.CONFLICT, "session is closed")
                    : session.isHeldByAnotherAdmin(sender.userId())
                    ? rejected(ErrorCode.CONFLICT, "session is held by another admin")
                    : Optional.empty();
        };
    }

    private Optional<Rejected> checkAttachments(MessageType type, List<Attachment> attachments) {
        if ((type == MessageType.IMAGE || type == MessageType.FILE) && attachments.isEmpty()) {
            return invalid("attachments: a message of type " + type.wireName() + " needs at least one attachment");
        }
        if (attachments.size() > properties.maxAttachments()) {
            return invalid("attachments: at most " + properties.maxAttachments() + " per message");
        }
        for (int i = 0; i < attachments.size(); i++) {
            Optional<String> problem = problemOf(attachments.get(i));
            if (problem.isPresent()) {
                return invalid("attachments[" + i + "]." + problem.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problemOf(Attachment attachment) {
        if (attachment == null) {
            return Optional.of("url is required");
        }
        if (!isWebUrl(attachment.url())) {
            return Optional.of("url must be an http or https URL");
        }
        if (attachment.name() == null || attachment.name().isBlank()) {
            return Optional.of("name must not be blank");
        }
        if (attachment.size() <= 0) {
            return Optional.of("size must be greater than 0");
        }
        if (attachment.mimeType() == null || attachment.mimeType().isBlank()) {
            return Optional.of("mimeType must not be blank");
        }
        return Optional.empty();
    }

    private static boolean isWebUrl(String value) {
        if (value == null) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        }
        catch (URISyntaxException e) {
            return false;
        }
    }

    private static Optional<Rejected> invalid(String reason) {
        return rejected(ErrorCode.INVALID_REQUEST, reason);
    }

    private static Optional<Rejected> rejected(ErrorCode code, String reason) {
        return Optional.of(new Rejected(code, reason));
    }
}

package com.loyalty.chat.message.sending;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.loyalty.chat.contracts.api.ChatException;
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
    private static final int MAX_URL_LENGTH = 2048;
    private static final int MAX_NAME_LENGTH = 255;
    private static final int MAX_MIME_TYPE_LENGTH = 255;

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
        if (!isWellFormed(content)) {
            return invalid("content is not valid Unicode text");
        }
        if (content.getBytes(StandardCharsets.UTF_8).length > properties.maxContentBytes()) {
            return Optional.of(new Rejected(ErrorCode.CONTENT_TOO_LARGE,
                    "content exceeds " + properties.maxContentBytes() + " bytes"));
        }
        return checkTempMessageId(request.tempMessageId()).or(() -> checkAttachments(type, request.attachments()));
    }

    /** Checks that the sender may write into the session as the view knows it. */
    Optional<Rejected> checkSession(SessionView session, Sender sender) {
        return switch (sender.type()) {
            // Another user's session is answered like a missing one: its existence is not revealed.
            case USER -> !session.isOwnedBy(sender.userId()) ? rejected(ErrorCode.NOT_FOUND, ChatException.SESSION_NOT_FOUND)
                    : session.isClosed() ? rejected(ErrorCode.CONFLICT, "session is closed")
                    : Optional.empty();
            case ADMIN -> session.isClosed() ? rejected(ErrorCode.CONFLICT, "session is closed")
                    : session.isHeldByAnotherAdmin(sender.userId())
                    ? rejected(ErrorCode.CONFLICT, "session is held by another admin")
                    : Optional.empty();
        };
    }

    /**
     * A retry key must compare in the database exactly as in Java. The unique key's binary collation ignores trailing
     * spaces (PAD SPACE), so "k1" and "k1 " would be one key there and two here: such keys are refused.
     */
    private static Optional<Rejected> checkTempMessageId(String tempMessageId) {
        if (tempMessageId == null) {
            return Optional.empty();
        }
        if (tempMessageId.length() > MAX_TEMP_MESSAGE_ID_LENGTH) {
            return invalid("tempMessageId must be at most " + MAX_TEMP_MESSAGE_ID_LENGTH + " characters");
        }
        if (!isWellFormed(tempMessageId)) {
            return invalid("tempMessageId is not valid Unicode text");
        }
        if (tempMessageId.endsWith(" ")) {
            return invalid("tempMessageId must not end with a space");
        }
        return Optional.empty();
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
        if (attachment.url().length() > MAX_URL_LENGTH || !isWellFormed(attachment.url())) {
            return Optional.of("url must be text of at most " + MAX_URL_LENGTH + " characters");
        }
        if (attachment.name() == null || attachment.name().isBlank()) {
            return Optional.of("name must not be blank");
        }
        if (attachment.name().length() > MAX_NAME_LENGTH || !isWellFormed(attachment.name())) {
            return Optional.of("name must be text of at most " + MAX_NAME_LENGTH + " characters");
        }
        if (attachment.size() <= 0) {
            return Optional.of("size must be greater than 0");
        }
        if (attachment.mimeType() == null || attachment.mimeType().isBlank()) {
            return Optional.of("mimeType must not be blank");
        }
        if (attachment.mimeType().length() > MAX_MIME_TYPE_LENGTH || !isWellFormed(attachment.mimeType())) {
            return Optional.of("mimeType must be text of at most " + MAX_MIME_TYPE_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /**
     * False for text holding half a surrogate pair (JSON can carry one as an escape): it has no UTF-8 form, so the
     * database would keep a '?' in its place while the events carried the original.
     */
    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            }
            else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
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

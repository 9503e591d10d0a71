package com.loyalty.chat.message.readstate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.loyalty.chat.contracts.events.MessageCommand.MarkMessagesDelivered;
import com.loyalty.chat.message.sessionview.SessionView;
import com.loyalty.chat.message.sessionview.SessionViews;
import com.loyalty.chat.message.storage.Delivery;
import com.loyalty.chat.message.storage.MessageRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves messages from {@code sent} to {@code delivered} when a realtime node reports it handed them to a connection
 * of the recipient. Nodes send many of these, so a whole poll is one transaction with one JDBC batch. Nothing is
 * announced: delivery only decides what counts as an offline message. A receipt from someone who does not take part
 * in the session, or for messages not from the other side, changes nothing; a read message stays read.
 */
@Service
public class DeliveryReceipts {

    private final MessageRepository messages;
    private final SessionViews sessions;

    DeliveryReceipts(MessageRepository messages, SessionViews sessions) {
        this.messages = messages;
        this.sessions = sessions;
    }

    /** Applies a poll's receipts in one transaction, opened before this method runs: skip the call for none. */
    @Transactional
    public void applyCommands(List<MarkMessagesDelivered> commands) {
        if (commands.isEmpty()) {
            return;
        }
        Map<String, SessionView> views = sessions.findAll(
                commands.stream().map(MarkMessagesDelivered::sessionId).distinct().toList());
        Set<Delivery> deliveries = new LinkedHashSet<>();
        for (MarkMessagesDelivered command : commands) {
            SessionView view = views.get(command.sessionId());
            if (view != null && view.admits(command.sender()) && command.messageIds() != null) {
                command.messageIds().stream()
                        .filter(Objects::nonNull)
                        .forEach(id -> deliveries.add(new Delivery(id, command.sessionId(), command.sender().type())));
            }
        }
        messages.markDelivered(deliveries);
    }
}

package com.loyalty.chat.message.commands;

import java.util.ArrayList;
import java.util.List;

import com.loyalty.chat.contracts.events.MessageCommand;
import com.loyalty.chat.contracts.events.MessageCommand.MarkMessagesDelivered;
import com.loyalty.chat.contracts.events.MessageCommand.MarkMessagesRead;
import com.loyalty.chat.contracts.events.MessageCommand.SendMessage;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.message.messaging.ContractRecords;
import com.loyalty.chat.message.messaging.PoisonRecordException;
import com.loyalty.chat.message.readstate.DeliveryReceipts;
import com.loyalty.chat.message.readstate.ReadReceipts;
import com.loyalty.chat.message.sending.MessageSending;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes the realtime nodes' message commands a poll at a time: the poll's SendMessages are stored together (one
 * transaction, one batch insert), then its read receipts and its delivery receipts, each kind in one transaction.
 * Handling the kinds one after the other is safe: a receipt can only name a message whose MessageStored the node
 * has seen, and that is published after the message's transaction committed, in an earlier poll.
 */
@Component
class MessageCommandsListener {

    private final ContractRecords records;
    private final MessageSending sending;
    private final ReadReceipts reads;
    private final DeliveryReceipts deliveries;

    MessageCommandsListener(ContractRecords records, MessageSending sending, ReadReceipts reads,
                            DeliveryReceipts deliveries) {
        this.records = records;
        this.sending = sending;
        this.reads = reads;
        this.deliveries = deliveries;
    }

    /**
     * On a poison record, the commands before it are handled first; the error handler then commits up to it, sends it
     * to the dead-letter topic and redelivers the rest, so no command is skipped or handled out of order.
     */
    @KafkaListener(id = "message-commands", topics = Topics.MESSAGE_COMMANDS, batch = "true")
    void onCommands(List<ConsumerRecord<String, String>> batch) {
        List<MessageCommand> commands = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            try {
                commands.add(read(batch.get(i).value()));
            }
            catch (PoisonRecordException poison) {
                handle(commands);
                throw new BatchListenerFailedException(poison.getMessage(), poison, i);
            }
        }
        handle(commands);
    }

    private void handle(List<MessageCommand> commands) {
        sending.storeCommands(ofKind(commands, SendMessage.class));
        reads.applyCommands(ofKind(commands, MarkMessagesRead.class));
        deliveries.applyCommands(ofKind(commands, MarkMessagesDelivered.class));
    }

    /** Without a session or a sender there is no one to act for and no one to tell: poison. */
    private MessageCommand read(String json) {
        MessageCommand command = records.read(json, MessageCommand.class, MessageCommand::schemaVersion,
                MessageCommand.SCHEMA_VERSION);
        String name = command.getClass().getSimpleName() + " " + command.commandId();
        if (command.sessionId() == null || command.sessionId().isBlank()) {
            throw new PoisonRecordException(name + " has no sessionId");
        }
        if (command.sender() == null || command.sender().type() == null) {
            throw new PoisonRecordException(name + " has no sender");
        }
        return command;
    }

    private static <T extends MessageCommand> List<T> ofKind(List<MessageCommand> commands, Class<T> kind) {
        return commands.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}

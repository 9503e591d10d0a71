package com.loyalty.chat.message.commands;

import java.util.List;

import com.loyalty.chat.chassis.kafka.BatchPoison;
import com.loyalty.chat.contracts.events.MessageCommand;
import com.loyalty.chat.contracts.events.MessageCommand.MarkMessagesDelivered;
import com.loyalty.chat.contracts.events.MessageCommand.MarkMessagesRead;
import com.loyalty.chat.contracts.events.MessageCommand.SendMessage;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.chassis.kafka.ContractRecords;
import com.loyalty.chat.chassis.kafka.PoisonRecordException;
import com.loyalty.chat.message.readstate.DeliveryReceipts;
import com.loyalty.chat.message.readstate.ReadReceipts;
import com.loyalty.chat.message.sending.MessageSending;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the realtime nodes' message commands a poll at a time: the poll's read receipts, then its delivery
 * receipts, then its SendMessages, each kind in one transaction. Handling the kinds one after the other is safe: a
 * receipt can only name a message whose MessageStored the node has seen, and that is published after the message's
 * transaction committed, in an earlier poll.
 *
 * <p>Failures follow the chassis's policy. A transient one (the database is away) fails the poll, which is tried
 * again until it passes. Any other is isolated by {@link BatchPoison}: the poll is handled again one command at a
 * time and the one that fails is dead-lettered. SendMessages never take that path: {@link MessageSending} answers a
 * send it cannot store with a MessageRejected instead, so its sender hears of it. That is also why they come last:
 * when a receipt sends the poll down the one-at-a-time path, no send of the poll has been stored yet, and receipts
 * are harmless to apply twice.
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

    @KafkaListener(id = "message-commands", topics = Topics.MESSAGE_COMMANDS, batch = "true")
    void onCommands(List<ConsumerRecord<String, String>> batch) {
        BatchPoison.handleIsolatingPoison(batch, this::handle);
    }

    /** Reads every record before acting on any, so a poison record costs nothing but the records' second reading. */
    private void handle(List<ConsumerRecord<String, String>> batch) {
        List<MessageCommand> commands = batch.stream().map(record -> read(record.value())).toList();
        // Each kind is applied in a transaction of its own, opened by the call: a kind the poll lacks costs nothing.
        List<MarkMessagesRead> readReceipts = ofKind(commands, MarkMessagesRead.class);
        if (!readReceipts.isEmpty()) {
            reads.applyCommands(readReceipts);
        }
        List<MarkMessagesDelivered> deliveryReceipts = ofKind(commands, MarkMessagesDelivered.class);
        if (!deliveryReceipts.isEmpty()) {
            deliveries.applyCommands(deliveryReceipts);
        }
        sending.storeCommands(ofKind(commands, SendMessage.class));
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

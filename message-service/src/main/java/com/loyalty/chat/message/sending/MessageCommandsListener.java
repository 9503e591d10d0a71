package com.loyalty.chat.message.sending;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.loyalty.chat.contracts.events.MessageCommand;
import com.loyalty.chat.contracts.events.MessageCommand.MarkMessagesRead;
import com.loyalty.chat.contracts.events.MessageCommand.SendMessage;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.message.messaging.ContractRecords;
import com.loyalty.chat.message.messaging.PoisonRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes the realtime nodes' message commands a poll at a time: a poll's SendMessages are stored in one
 * transaction with one batch insert.
 */
@Component
class MessageCommandsListener {

    private final ContractRecords records;
    private final MessageSending sending;
    private final SendingProperties properties;

    MessageCommandsListener(ContractRecords records, MessageSending sending, SendingProperties properties) {
        this.records = records;
        this.sending = sending;
        this.properties = properties;
    }

    /**
     * On a poison record, the commands before it are stored first; the error handler then commits up to it, sends it
     * to the dead-letter topic and redelivers the rest, so no command is skipped or stored out of order.
     */
    @KafkaListener(id = "message-commands", topics = Topics.MESSAGE_COMMANDS, batch = "true")
    void onCommands(List<ConsumerRecord<String, String>> batch) {
        List<SendRequest> sends = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                toSendRequest(batch.get(i).value()).ifPresent(sends::add);
            }
            catch (PoisonRecordException poison) {
                store(sends);
                throw new BatchListenerFailedException(poison.getMessage(), poison, i);
            }
        }
        store(sends);
    }

    private void store(List<SendRequest> sends) {
        if (!sends.isEmpty()) {
            sending.send(sends, properties.unknownSession().commandPatience());
        }
    }

    private Optional<SendRequest> toSendRequest(String json) {
        MessageCommand command = records.read(json, MessageCommand.class, MessageCommand::schemaVersion,
                MessageCommand.SCHEMA_VERSION);
        return switch (command) {
            case SendMessage send -> Optional.of(toSendRequest(send));
            // Read state is not kept yet; until it is, these commands are consumed without effect.
            case MarkMessagesRead ignored -> Optional.empty();
            case MessageCommand.MarkMessagesDelivered ignored -> Optional.empty();
        };
    }

    /** Without a session or a sender there is no one to store for and no one to tell: poison. */
    private static SendRequest toSendRequest(SendMessage command) {
        if (command.sessionId() == null || command.sessionId().isBlank()) {
            throw new PoisonRecordException("SendMessage " + command.commandId() + " has no sessionId");
        }
        if (command.sender() == null || command.sender().type() == null) {
            throw new PoisonRecordException("SendMessage " + command.commandId() + " has no sender");
        }
        return new SendRequest(command.sessionId(), command.sender(), command.content(), command.messageType(),
                command.tempMessageId(), command.attachments(), SendRequest.Channel.KAFKA, command.commandId());
    }
}

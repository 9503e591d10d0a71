/**
 * Storing messages: one path for Kafka {@code SendMessage} commands and REST sends, with the same rules, one
 * message per {@code (senderId, tempMessageId)}, a strictly increasing sequence per session, and a MessageStored
 * or MessageRejected committed with the outcome. Session checks use the local view; see
 * {@link com.loyalty.chat.message.sessionview} for how far it may lag: a Kafka send whose session the view does not
 * know yet waits aside in {@code waiting_sends}, never in the consumer's poll. A send the database refuses is
 * answered with a MessageRejected and never holds up the others.
 *
 * <p>Delivery of commands is at least once. A command redelivered after a crash is recognised by its temp id and
 * announced again (same event id); one without a temp id would be stored again, which is why realtime nodes always
 * send one.
 */
@NullMarked
package com.loyalty.chat.message.sending;

import org.jspecify.annotations.NullMarked;

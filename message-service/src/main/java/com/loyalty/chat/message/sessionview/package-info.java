/**
 * The local read model of sessions ({@code session_view}), built from session-service's SessionEvents.
 *
 * <p>Consistency window: the view lags session-service by the event latency (normally milliseconds). A request for a
 * session whose SessionOpened has not been applied yet waits for it for a short, bounded time (a Kafka send set
 * aside, holding up no other command; a REST request looking again through {@link SessionLookup}) before it is
 * refused with 4004. A reply that races a close, a transfer or another admin's claim by less than that latency can
 * be accepted on the state the view still holds. Events carry the session's version, and the view applies an event
 * only if it is newer than what it holds, so redelivered or reordered events change nothing. Besides the events,
 * the view is changed in one way of its own: an admin's message to an unassigned session records that admin as the
 * holder (a provisional claim, confirmed or corrected by the next event from session-service).
 */
@NullMarked
package com.loyalty.chat.message.sessionview;

import org.jspecify.annotations.NullMarked;

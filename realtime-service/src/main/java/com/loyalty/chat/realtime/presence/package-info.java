/**
 * Tells session-service which connections this run of the node holds, and that the node is alive; re-announces them
 * after an event was lost, so that session-service can drop what it holds for this run and was not re-announced.
 */
@NullMarked
package com.loyalty.chat.realtime.presence;

import org.jspecify.annotations.NullMarked;

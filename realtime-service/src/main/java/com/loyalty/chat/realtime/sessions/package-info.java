/** Who takes part in each session (its user and admin), as this node learns it from events or asks session-service. */
@NullMarked
package com.loyalty.chat.realtime.sessions;

import org.jspecify.annotations.NullMarked;

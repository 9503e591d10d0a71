/** The web edge the reactive services (the gateway, the realtime nodes) share: errors and refusals in the envelope. */
@NullMarked
package com.loyalty.chat.chassis.webflux;

import org.jspecify.annotations.NullMarked;

/** Turns failures produced at the gateway itself (no route, upstream down, token refused) into the envelope. */
@NullMarked
package com.loyalty.chat.gateway.error;

import org.jspecify.annotations.NullMarked;

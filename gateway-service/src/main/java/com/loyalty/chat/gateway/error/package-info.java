/** Turns failures produced at the gateway itself (no route, upstream down, token refused) into the envelope. */
package com.loyalty.chat.gateway.error;

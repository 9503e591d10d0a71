/** What the gateway's log lines may show of a request: never a token. */
@NullMarked
package com.loyalty.chat.gateway.logging;

import org.jspecify.annotations.NullMarked;

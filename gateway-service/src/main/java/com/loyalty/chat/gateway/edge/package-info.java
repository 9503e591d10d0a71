/** What every request meets at the door before routing: a request id, the per-client rate limit and CORS. */
@NullMarked
package com.loyalty.chat.gateway.edge;

import org.jspecify.annotations.NullMarked;

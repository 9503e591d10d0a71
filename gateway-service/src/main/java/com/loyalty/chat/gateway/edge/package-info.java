/** What every request meets at the door before routing: a request id, the per-client rate limit and CORS. */
package com.loyalty.chat.gateway.edge;

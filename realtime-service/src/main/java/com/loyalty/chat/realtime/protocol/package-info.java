/**
 * The wire formats: client and server frames, and one {@link com.loyalty.chat.realtime.protocol.Dialect} per
 * endpoint that builds every server frame in that endpoint's dialect.
 */
@NullMarked
package com.loyalty.chat.realtime.protocol;

import org.jspecify.annotations.NullMarked;

/** Token checks at the door: nothing unauthenticated or unauthorized reaches a service. */
@NullMarked
package com.loyalty.chat.gateway.security;

import org.jspecify.annotations.NullMarked;

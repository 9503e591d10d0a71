/** Readiness that reflects whether the services behind the routes answer. */
@NullMarked
package com.loyalty.chat.gateway.health;

import org.jspecify.annotations.NullMarked;

/** Whether the services behind the routes answer: an operator's view, kept out of the gateway's own readiness. */
@NullMarked
package com.loyalty.chat.gateway.health;

import org.jspecify.annotations.NullMarked;

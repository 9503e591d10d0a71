/** Readiness that reflects whether the services behind the routes answer. */
package com.loyalty.chat.gateway.health;

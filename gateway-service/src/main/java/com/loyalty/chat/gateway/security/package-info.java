/** Token checks at the door: nothing unauthenticated or unauthorized reaches a service. */
package com.loyalty.chat.gateway.security;

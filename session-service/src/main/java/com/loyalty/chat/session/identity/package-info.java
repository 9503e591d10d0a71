/** Accounts, SMS-code login, the RS256 tokens this service signs and the JWK set others verify them with. */
@NullMarked
package com.loyalty.chat.session.identity;

import org.jspecify.annotations.NullMarked;

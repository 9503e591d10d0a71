/** Accounts, SMS-code login, the RS256 tokens this service signs and the JWK set others verify them with. */
package com.loyalty.chat.session.identity;

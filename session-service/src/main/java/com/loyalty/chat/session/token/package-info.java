/** The RS256 tokens this service signs, the key it signs them with, and the JWK set others verify them with. */
@NullMarked
package com.loyalty.chat.session.token;

import org.jspecify.annotations.NullMarked;

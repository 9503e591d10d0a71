/** SMS login codes: issuing and checking them, and delivering them (the SMS webhook, or the dev profile's log). */
@NullMarked
package com.loyalty.chat.session.code;

import org.jspecify.annotations.NullMarked;

/** The one door for admin consoles and mobile clients: routes every REST and WebSocket path to its owner. */
@NullMarked
package com.loyalty.chat.gateway;

import org.jspecify.annotations.NullMarked;

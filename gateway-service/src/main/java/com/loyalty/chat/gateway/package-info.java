/** The one door for admin consoles and mobile clients: routes every REST and WebSocket path to its owner. */
package com.loyalty.chat.gateway;

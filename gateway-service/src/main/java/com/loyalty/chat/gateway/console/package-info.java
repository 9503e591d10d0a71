/** Serves the staff console and the diner page (static files of the console module) under /console/ and /diner/. */
@NullMarked
package com.loyalty.chat.gateway.console;

import org.jspecify.annotations.NullMarked;

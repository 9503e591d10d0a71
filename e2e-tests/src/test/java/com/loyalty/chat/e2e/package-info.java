/** End-to-end tests: the whole system as {@code ./run} starts it, driven only through the gateway. */
package com.loyalty.chat.e2e;

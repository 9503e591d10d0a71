/** Meters every service shares: error answers by envelope code, and counts read from a table at most so often. */
@NullMarked
package com.loyalty.chat.chassis.metrics;

import org.jspecify.annotations.NullMarked;

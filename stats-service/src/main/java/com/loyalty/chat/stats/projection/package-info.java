/** Applies session and message events to the stats tables, each event exactly once. */
@NullMarked
package com.loyalty.chat.stats.projection;

import org.jspecify.annotations.NullMarked;

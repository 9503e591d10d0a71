/** Applies session and message events to the stats tables, each event exactly once. */
package com.loyalty.chat.stats.projection;

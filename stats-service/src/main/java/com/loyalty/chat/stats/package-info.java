/** Today's and daily figures for admins, projected from session and message events only. */
@NullMarked
package com.loyalty.chat.stats;

import org.jspecify.annotations.NullMarked;

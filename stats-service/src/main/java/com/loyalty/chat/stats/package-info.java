/** Today's and daily figures for admins, projected from session and message events only. */
package com.loyalty.chat.stats;

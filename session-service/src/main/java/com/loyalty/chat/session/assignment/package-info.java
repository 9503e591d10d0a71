/** Automatic assignment of waiting sessions to online admins, and re-queueing those of admins who left unanswered. */
@NullMarked
package com.loyalty.chat.session.assignment;

import org.jspecify.annotations.NullMarked;

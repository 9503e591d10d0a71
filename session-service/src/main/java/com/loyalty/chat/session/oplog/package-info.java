/** The operation log: who claimed, assigned, transferred, answered, re-queued or closed which session, and when. */
@NullMarked
package com.loyalty.chat.session.oplog;

import org.jspecify.annotations.NullMarked;

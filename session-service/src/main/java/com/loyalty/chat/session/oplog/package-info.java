/** The operation log: who claimed, assigned, transferred, answered, re-queued or closed which session, and when. */
package com.loyalty.chat.session.oplog;

package com.loyalty.chat.session.presence;

/**
 * Published (in-process, inside the transaction) when an admin becomes online: connected, or back from busy. Waiting
 * sessions may now go to them.
 */
public record AdminBecameAvailable(long adminId) {
}

/** Helpers for reading this service's tables with plain JDBC. */
@NullMarked
package com.loyalty.chat.session.db;

import org.jspecify.annotations.NullMarked;

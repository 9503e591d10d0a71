/** Helpers for reading this service's tables with plain JDBC. */
package com.loyalty.chat.session.db;

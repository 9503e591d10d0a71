package com.loyalty.chat.message.history;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Page sizes of message history.
 *
 * @param defaultPageSize page size when the request names none
 * @param maxPageSize larger requested sizes are clamped to this
 */
@ConfigurationProperties("chat.message.history")
record HistoryProperties(@DefaultValue("20") int defaultPageSize, @DefaultValue("50") int maxPageSize) {
}

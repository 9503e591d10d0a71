package com.loyalty.chat.message.history;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sizes of the answers that read messages.
 *
 * @param defaultPageSize page size of history and sync when the request names none
 * @param maxPageSize larger requested sizes are clamped to this
 * @param maxOfflineMessages most offline messages in one answer, also the default (the contract's 100)
 * @param maxOfflineQuestions most questions a realtime node may ask in one {@code POST /internal/offline-messages}
 */
@ConfigurationProperties("chat.message.history")
record HistoryProperties(@DefaultValue("20") int defaultPageSize, @DefaultValue("50") int maxPageSize,
                         @DefaultValue("100") int maxOfflineMessages, @DefaultValue("100") int maxOfflineQuestions) {
}

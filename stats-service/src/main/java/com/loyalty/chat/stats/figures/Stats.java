package com.loyalty.chat.stats.figures;

import java.math.BigDecimal;

/**
 * The contract's figures for one day. {@code activeSessions} and {@code waitingSessions} describe the present,
 * so only today's row carries them; earlier days answer null there.
 */
public record Stats(long totalSessions,
                    long completedSessions,
                    Long activeSessions,
                    Long waitingSessions,
                    long todayMessages,
                    String avgResponseTime,
                    Long avgResponseTimeSeconds,
                    BigDecimal customerSatisfaction,
                    int responseRate) {
}

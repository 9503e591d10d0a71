package com.loyalty.chat.session.lifecycle;

import java.time.Instant;

/** The answer to a rating: what was recorded, and when. */
record SessionRating(String sessionId, int score, String comment, Instant ratedAt) {
}

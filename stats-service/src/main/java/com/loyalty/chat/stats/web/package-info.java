/** The HTTP edge of stats-service: token checks and the envelope for every answer, success or error. */
package com.loyalty.chat.stats.web;

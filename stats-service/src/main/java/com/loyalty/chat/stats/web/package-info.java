/**
 * The HTTP edge of stats-service: the admin-only door and the answers. Who the caller is and every error envelope
 * come from the chassis ({@code com.loyalty.chat.chassis.web}).
 */
package com.loyalty.chat.stats.web;

/**
 * The HTTP edge of stats-service: the admin-only door and the answers. Who the caller is and every error envelope
 * come from the chassis ({@code com.loyalty.chat.chassis.web}).
 */
@NullMarked
package com.loyalty.chat.stats.web;

import org.jspecify.annotations.NullMarked;

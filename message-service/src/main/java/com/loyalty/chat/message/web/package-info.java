/**
 * The HTTP door of message-service: which paths need which token. The caller and every error envelope come from the
 * chassis ({@code com.loyalty.chat.chassis.web}).
 */
@NullMarked
package com.loyalty.chat.message.web;

import org.jspecify.annotations.NullMarked;

/**
 * The HTTP edge shared by the features: JWT resource-server security, the caller taken from the token, and the
 * mapping of every failure to the contract's envelope.
 */
@NullMarked
package com.loyalty.chat.message.web;

import org.jspecify.annotations.NullMarked;

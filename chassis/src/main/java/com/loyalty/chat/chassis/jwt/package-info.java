/**
 * Tokens verified once are not verified again on every request: every service's JWT decoder answers a token it
 * accepted a moment ago from memory, for as long as the token and the key set it was checked against stay current.
 */
@NullMarked
package com.loyalty.chat.chassis.jwt;

import org.jspecify.annotations.NullMarked;

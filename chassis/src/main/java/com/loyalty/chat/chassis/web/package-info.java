/**
 * The web edge every servlet service shares: who the caller is (from the token's claims, named once in
 * {@link com.loyalty.chat.chassis.web.TokenClaims}) and every error in the envelope.
 */
@NullMarked
package com.loyalty.chat.chassis.web;

import org.jspecify.annotations.NullMarked;

/**
 * The HTTP edge: who may call what, and paging. The caller and every error envelope come from the chassis
 * ({@code com.loyalty.chat.chassis.web}).
 */
@NullMarked
package com.loyalty.chat.session.web;

import org.jspecify.annotations.NullMarked;

/**
 * Accounts and how they log in: registration on first login, the login and {@code /auth/me} endpoints, the admins a
 * deployment starts with, and the directory other modules learn who an account is from.
 */
@NullMarked
package com.loyalty.chat.session.account;

import org.jspecify.annotations.NullMarked;

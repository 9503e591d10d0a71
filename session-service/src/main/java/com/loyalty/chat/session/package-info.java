/** session-service: accounts and login (the JWT issuer), customer sessions, assignment and admin presence. */
@NullMarked
package com.loyalty.chat.session;

import org.jspecify.annotations.NullMarked;

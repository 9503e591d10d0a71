/** session-service: accounts and login (the JWT issuer), customer sessions, assignment and admin presence. */
package com.loyalty.chat.session;

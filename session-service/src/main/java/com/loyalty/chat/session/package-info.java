/** session-service: accounts and login (the JWT issuer), and customer sessions with their events. */
package com.loyalty.chat.session;

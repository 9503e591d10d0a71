/** The HTTP edge: who may call what, and every error rendered in the contract's envelope. */
package com.loyalty.chat.session.web;

package com.loyalty.chat.session.code;

/** Delivers a login code to a mobile; an SMS gateway adapter implements it in production. */
interface CodeSender {

    void send(String mobile, String code);
}

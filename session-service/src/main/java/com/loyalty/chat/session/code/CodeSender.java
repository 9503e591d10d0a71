package com.loyalty.chat.session.code;

/**
 * Delivers a login code to a mobile: the SMS webhook, or in the dev profile the log. A delivery that fails throws (the
 * webhook's failure is the contract's 5003), which rolls the code's issue back.
 */
interface CodeSender {

    void send(String mobile, String code);
}

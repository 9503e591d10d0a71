/**
 * What services agree on across process boundaries: the REST envelope and error codes ({@code api}) and the Kafka
 * topics with the events and commands that travel on them ({@code events}).
 */
package com.loyalty.chat.contracts;

/** The response envelope, error codes and JSON conventions every REST answer and WebSocket error frame uses. */
package com.loyalty.chat.contracts.api;

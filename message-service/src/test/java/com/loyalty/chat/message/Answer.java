package com.loyalty.chat.message;

import tools.jackson.databind.JsonNode;

/** A REST answer: the HTTP status and the parsed envelope. */
record Answer(int status, JsonNode body) {

    int code() {
        return body.get("code").asInt();
    }

    JsonNode data() {
        return body.get("data");
    }

    String msg() {
        return body.get("msg").asString();
    }
}

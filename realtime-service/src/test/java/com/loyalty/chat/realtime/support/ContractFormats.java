package com.loyalty.chat.realtime.support;

/** Patterns of the contract's formats, for assertions. */
public final class ContractFormats {

    /** ISO-8601 UTC with milliseconds and {@code Z}. */
    public static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    /** The seed format of ids, which server frames use for their own {@code messageId}. */
    public static final String MESSAGE_ID = "msg_\\d+_[0-9a-f]{8}";

    private ContractFormats() {
    }
}

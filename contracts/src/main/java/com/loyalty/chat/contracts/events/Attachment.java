package com.loyalty.chat.contracts.events;

/** Metadata of an uploaded image or file; the bytes live elsewhere, at {@code url}. */
public record Attachment(String url, String name, long size, String mimeType) {
}

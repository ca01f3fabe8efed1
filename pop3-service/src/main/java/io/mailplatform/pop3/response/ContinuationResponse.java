package io.mailplatform.pop3.response;

/** A SASL server challenge (RFC 5034 §4): {@code +}, a space and the base64 challenge (possibly empty). */
public record ContinuationResponse(String base64) implements Pop3Response {
}

package io.mailplatform.webmail.compose;

/**
 * One uploaded file to attach.
 *
 * @param fileName the name as uploaded (any Unicode; encoded per RFC 2231 in the message)
 * @param contentType its media type, or null for {@code application/octet-stream}
 * @param content the octets
 */
public record Attachment(String fileName, String contentType, byte[] content) {
}

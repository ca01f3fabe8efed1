package io.mailplatform.imap.codec;

/**
 * A synchronizing literal within the limits was announced: the session sends a command
 * continuation request ({@code + Ready for literal data}) and the client then sends the octets.
 */
public record ContinuationRequest(long size) implements InboundFrame {
}

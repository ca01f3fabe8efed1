package io.mailplatform.imap.codec;

/**
 * What {@link ImapFrameDecoder} hands to the session: a complete command, a request to send a
 * command continuation request (the decoder never answers the client itself), a literal waiting
 * for the session's decision, or a refusal of input that broke a limit.
 */
public sealed interface InboundFrame permits CommandFrame, ContinuationRequest, FrameRejected, LiteralPending {
}

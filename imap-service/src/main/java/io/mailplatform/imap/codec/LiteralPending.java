package io.mailplatform.imap.codec;

/**
 * A literal larger than the decoder may take without asking was announced, within the limits. The
 * decoder reads nothing more until the session answers, in command order: with
 * {@link ImapFrameDecoder#acceptLiteral()} (after sending {@code +} for a synchronizing literal) or
 * {@link ImapFrameDecoder#refuseLiteral()} (after refusing the command). The session uses it to
 * keep literals small before authentication while a client that pipelines commands behind LOGIN
 * still gets them judged in the state they run in.
 *
 * @param tag the command's tag, or null if it could not be read
 * @param size the announced octet count
 * @param synchronizing whether the client waits for a command continuation request
 * @param firstLine the command's first line, to check its name
 */
public record LiteralPending(String tag, long size, boolean synchronizing, byte[] firstLine) implements InboundFrame {
}

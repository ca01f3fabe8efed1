package io.mailplatform.imap.codec;

/**
 * Input that broke a limit was refused without being buffered.
 *
 * @param tag the tag of the refused command, or null if it could not be read
 * @param reason which limit
 * @param size the announced literal size, or the limit that a line exceeded
 * @param append whether the command was APPEND (a message too large, rather than an argument)
 * @param firstLine the command's first line when it was read whole (a refused literal), else null
 */
public record FrameRejected(String tag, Reason reason, long size, boolean append, byte[] firstLine)
        implements InboundFrame {

    public enum Reason {
        /** A line (or the lines of one command together) exceeded the line limit; discarded to its end. */
        LINE_TOO_LONG,
        /** A synchronizing literal was too large: no continuation request was sent, the client sends nothing more. */
        LITERAL_TOO_LARGE,
        /** A non-synchronizing literal was too large: its octets and the rest of the command were discarded. */
        NON_SYNC_LITERAL_TOO_LARGE
    }
}

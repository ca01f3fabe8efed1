package io.mailplatform.pop3.codec;

import io.netty.buffer.ByteBuf;

/**
 * Encodes message text as the body of a multi-line response (RFC 1939 §3), fed in chunks of any
 * size: every line ends in CRLF (a bare LF becomes CRLF, so messages stored with bare line feeds go
 * out in the canonical form), a line starting with "." gets one more, and {@link #finish} ends an
 * unterminated last line and adds the terminating ".". For TOP (RFC 1939 §7) it stops after the
 * header, the blank line and a given number of body lines.
 *
 * <p>{@link #octets()} counts the octets of the message as sent, without the stuffed dots and the
 * terminating line: the size STAT, LIST and RETR announce (RFC 1939 §11). Counting with the same
 * encoder that sends is what keeps the announced size and the sent message in agreement.
 */
public final class DotStuffer {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';
    private static final short CRLF = ('\r' << 8) | '\n';
    private static final byte[] BARE_CR = {CR};

    private final int bodyLines;
    private boolean lineStart = true;
    private boolean pendingCr;
    private boolean lineEmpty = true;
    private boolean inBody;
    private int bodyLinesSent;
    private boolean complete;
    private long octets;

    private DotStuffer(int bodyLines) {
        this.bodyLines = bodyLines;
    }

    /** For RETR: the whole message. */
    public static DotStuffer message() {
        return new DotStuffer(-1);
    }

    /** For TOP msg n: the header, the blank line and at most {@code bodyLines} lines of the body. */
    public static DotStuffer top(int bodyLines) {
        return new DotStuffer(bodyLines);
    }

    /**
     * Encodes {@code input[from, to)} into {@code out}; with a null {@code out} it only counts. Input
     * after the TOP limit is ignored.
     */
    public void encode(byte[] input, int from, int to, ByteBuf out) {
        int i = from;
        while (i < to && !complete) {
            if (pendingCr) {
                pendingCr = false;
                if (input[i] == LF) {
                    endLine(out);
                    i++;
                    continue;
                }
                // a bare CR is data
                data(BARE_CR, 0, 1, out);
            }
            if (lineStart && input[i] == DOT && out != null) {
                out.writeByte(DOT);
            }
            // the rest of the line in one run: a tight scan, as this runs over every octet RETR sends
            int end = i;
            while (end < to && input[end] != CR && input[end] != LF) {
                end++;
            }
            data(input, i, end, out);
            if (end == to) {
                return;
            }
            if (input[end] == CR) {
                pendingCr = true;
            } else {
                endLine(out);
            }
            i = end + 1;
        }
    }

    /** Ends the last line if the message lacks a final line ending, then writes the terminating ".". */
    public void finish(ByteBuf out) {
        if (!complete && (pendingCr || !lineEmpty)) {
            // a final CR alone, or text without a line ending: the message still ends with a full line
            pendingCr = false;
            endLine(out);
        }
        complete = true;
        if (out != null) {
            out.writeByte(DOT).writeShort(CRLF);
        }
    }

    /** Whether TOP's line limit is reached, so no further input is needed. */
    public boolean isComplete() {
        return complete;
    }

    /** The octets of the message sent so far, every line ending as CRLF, without stuffing. */
    public long octets() {
        return octets;
    }

    /** The octets {@code message} has in the CRLF form RETR sends. */
    public static long crlfOctets(byte[] message) {
        DotStuffer counter = message();
        counter.encode(message, 0, message.length, null);
        counter.finish(null);
        return counter.octets();
    }

    private void data(byte[] input, int from, int to, ByteBuf out) {
        if (to <= from) {
            return;
        }
        // a run never contains CR or LF; a stuffed dot was already written before the run's first byte
        if (out != null) {
            out.writeBytes(input, from, to - from);
        }
        octets += to - from;
        lineEmpty = false;
        lineStart = false;
    }

    private void endLine(ByteBuf out) {
        if (out != null) {
            out.writeShort(CRLF);
        }
        octets += 2;
        if (inBody) {
            bodyLinesSent++;
        } else if (lineEmpty) {
            inBody = true;
        }
        if (bodyLines >= 0 && inBody && bodyLinesSent >= bodyLines) {
            complete = true;
        }
        lineStart = true;
        lineEmpty = true;
    }
}

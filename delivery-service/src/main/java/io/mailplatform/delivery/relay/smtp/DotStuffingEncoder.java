package io.mailplatform.delivery.relay.smtp;

import io.netty.buffer.ByteBuf;

/**
 * Encodes message text for DATA, chunk by chunk, carrying its state across chunk boundaries:
 * <ul>
 * <li>a line that starts with a period gets one more (RFC 5321 §4.5.2);</li>
 * <li>CR and LF travel only as CRLF (§2.3.8): a bare LF or a bare CR becomes CRLF;</li>
 * <li>{@link #finish} ends the last line if the text does not, and adds {@code .} CRLF (§4.1.1.4).</li>
 * </ul>
 * Text that already uses CRLF and has no line starting with a period comes out unchanged, so the
 * remote receives the stored octets. One instance per message; not thread-safe.
 */
final class DotStuffingEncoder {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';

    private boolean atLineStart = true;
    private boolean pendingCr;

    /**
     * The most octets {@link #encode} writes for {@code length} input octets: each may double, and a
     * CR held back from the previous chunk adds its CRLF.
     */
    static int maxEncodedLength(int length) {
        return 2 * length + 2;
    }

    /** The most octets {@link #finish} writes. */
    static final int MAX_FINISH_LENGTH = 5;

    void encode(byte[] chunk, ByteBuf out) {
        encode(chunk, 0, chunk.length, out);
    }

    void encode(byte[] chunk, int from, int to, ByteBuf out) {
        int runStart = from;
        for (int i = from; i < to; i++) {
            byte b = chunk[i];
            if (pendingCr) {
                pendingCr = false;
                out.writeByte(CR).writeByte(LF);
                atLineStart = true;
                if (b == LF) {
                    runStart = i + 1;
                    continue;
                }
            }
            if (b == CR || b == LF || (b == DOT && atLineStart)) {
                out.writeBytes(chunk, runStart, i - runStart);
                runStart = i + 1;
                if (b == CR) {
                    pendingCr = true; // CRLF or a bare CR: the next octet tells, maybe in the next chunk
                } else if (b == LF) {
                    out.writeByte(CR).writeByte(LF); // a bare LF
                    atLineStart = true;
                } else {
                    out.writeByte(DOT).writeByte(DOT);
                    atLineStart = false;
                }
                continue;
            }
            atLineStart = false;
        }
        out.writeBytes(chunk, runStart, to - runStart);
    }

    /** Ends the text: a CRLF if the last line lacks one, then the terminating {@code .} CRLF. */
    void finish(ByteBuf out) {
        if (pendingCr || !atLineStart) {
            out.writeByte(CR).writeByte(LF);
        }
        pendingCr = false;
        atLineStart = true;
        out.writeByte(DOT).writeByte(CR).writeByte(LF);
    }
}

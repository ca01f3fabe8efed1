package io.mailplatform.pop3.session;

import java.io.ByteArrayOutputStream;

/** Multi-line response bodies (RFC 1939 §3): dot-stuffed lines, CRLF line ends, ending with ".". */
final class DotStuffing {
    private DotStuffing() {
    }

    /**
     * Stuffs a message for RETR, or for TOP when {@code bodyLines >= 0}: the header, the blank
     * line and at most that many body lines.
     */
    static byte[] stuff(byte[] message, int bodyLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 64 + 8);
        int lineStart = 0;
        boolean inBody = false;
        int bodyLinesSent = 0;
        while (lineStart < message.length) {
            if (inBody && bodyLines >= 0 && bodyLinesSent >= bodyLines) {
                break;
            }
            int lf = lineStart;
            while (lf < message.length && message[lf] != '\n') {
                lf++;
            }
            int end = lf > lineStart && message[lf - 1] == '\r' ? lf - 1 : lf;
            if (end > lineStart && message[lineStart] == '.') {
                out.write('.');
            }
            out.write(message, lineStart, end - lineStart);
            out.write('\r');
            out.write('\n');
            if (inBody) {
                bodyLinesSent++;
            } else if (end == lineStart) {
                inBody = true;
            }
            lineStart = lf + 1;
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }
}

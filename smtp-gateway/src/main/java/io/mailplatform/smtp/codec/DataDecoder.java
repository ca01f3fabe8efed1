package io.mailplatform.smtp.codec;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Reads the message text after DATA (RFC 5321 §4.1.1.4, §4.5.2): removes the leading dot of
 * dot-stuffed lines, ends at {@code <CRLF>.<CRLF>} and flags text lines longer than 1000 octets.
 * Content leaves as slices of the input in runs of whole lines, never copied and never held here.
 *
 * <p>Only CRLF ends a line for the purposes of the terminator and dot-stuffing: a bare LF or CR
 * followed by a dot is content. Treating {@code <LF>.<LF>} as the end would let a message smuggle
 * a second SMTP transaction past a server that does not (the 2023 "SMTP smuggling" attacks).
 */
final class DataDecoder {
    /** RFC 5321 §4.5.3.1.6: a text line is at most 1000 octets including the CRLF. */
    static final int MAX_TEXT_LINE = 1000;

    private boolean atLineStart;
    private boolean afterCr;
    private boolean lineTooLong;
    private int lineLength;

    DataDecoder() {
        reset();
    }

    /** Prepares for a new message; DATA's own CRLF puts the first line at a line start. */
    void reset() {
        atLineStart = true;
        afterCr = false;
        lineTooLong = false;
        lineLength = 0;
    }

    /**
     * Decodes what the buffer holds; returns true once the terminating line has been consumed.
     * Bytes after the terminator are left in the buffer (pipelined commands).
     */
    boolean decode(ByteBuf in, List<Object> out) {
        int i = in.readerIndex();
        int end = in.writerIndex();
        int runStart = i;
        while (i < end) {
            if (atLineStart) {
                if (in.getByte(i) == '.') {
                    if (end - i < 2 || (in.getByte(i + 1) == '\r' && end - i < 3)) {
                        break; // cannot tell yet whether this is the terminator
                    }
                    if (in.getByte(i + 1) == '\r' && in.getByte(i + 2) == '\n') {
                        emit(in, runStart, i, out);
                        in.readerIndex(i + 3);
                        out.add(new SmtpFrame.EndOfData(lineTooLong));
                        reset();
                        return true;
                    }
                    emit(in, runStart, i, out);
                    i++; // the stuffed dot is dropped and does not count towards the line length
                    runStart = i;
                }
                atLineStart = false;
                continue;
            }
            int lf = in.indexOf(i, end, (byte) '\n');
            if (lf < 0) {
                lineLength += end - i;
                afterCr = in.getByte(end - 1) == '\r';
                i = end;
            } else {
                lineLength += lf + 1 - i;
                boolean crlf = lf > i ? in.getByte(lf - 1) == '\r' : afterCr;
                afterCr = false;
                tooLong(out);
                lineLength = 0;
                atLineStart = crlf;
                i = lf + 1;
            }
            tooLong(out);
        }
        emit(in, runStart, i, out);
        in.readerIndex(i);
        return false;
    }

    /** Flags the first over-long line, once. */
    private void tooLong(List<Object> out) {
        if (lineLength > MAX_TEXT_LINE && !lineTooLong) {
            lineTooLong = true;
            out.add(SmtpFrame.TextLineTooLong.INSTANCE);
        }
    }

    private static void emit(ByteBuf in, int from, int to, List<Object> out) {
        if (to > from) {
            out.add(new SmtpFrame.MessageContent(in.retainedSlice(from, to - from)));
        }
    }
}

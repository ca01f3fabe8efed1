package io.mailplatform.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits input into lines (CRLF, or a bare LF from lenient clients), emitting each line without its
 * terminator as a {@link ByteBuf}. A line longer than {@code maxLength} is not buffered: its bytes
 * are discarded up to the next LF and a single {@link LineTooLong} is emitted in its place, so the
 * session can answer with its protocol error and carry on.
 */
public class CrlfLineDecoder extends ByteToMessageDecoder {
    /** Emitted instead of a line that exceeded the limit. */
    public record LineTooLong(int limit) {
    }

    private volatile int maxLength;
    private boolean discarding;

    public CrlfLineDecoder(int maxLength) {
        this.maxLength = maxLength;
    }

    /** Changes the limit for the following lines (e.g. command lines vs. message text). */
    public void maxLength(int maxLength) {
        this.maxLength = maxLength;
    }

    /**
     * Drops input received but not yet decoded. Used when a session switches to TLS: bytes the
     * client sent in plaintext after STARTTLS must never be read as commands (RFC 3207 §4.2).
     * Call on the channel's event loop.
     */
    public void discardBuffered() {
        ByteBuf buffered = internalBuffer();
        buffered.skipBytes(buffered.readableBytes());
        discarding = false;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (discarding) {
                if (lf < 0) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                in.readerIndex(lf + 1);
                discarding = false;
                out.add(new LineTooLong(maxLength));
                continue;
            }
            if (lf < 0) {
                if (in.readableBytes() > maxLength + 1) {
                    in.skipBytes(in.readableBytes());
                    discarding = true;
                }
                return;
            }
            int length = lf - in.readerIndex();
            int contentLength = length > 0 && in.getByte(lf - 1) == '\r' ? length - 1 : length;
            if (contentLength > maxLength) {
                in.readerIndex(lf + 1);
                out.add(new LineTooLong(maxLength));
                continue;
            }
            ByteBuf line = in.readRetainedSlice(contentLength);
            in.skipBytes(length - contentLength + 1);
            out.add(line);
            if (isSingleDecode()) {
                return;
            }
        }
    }
}

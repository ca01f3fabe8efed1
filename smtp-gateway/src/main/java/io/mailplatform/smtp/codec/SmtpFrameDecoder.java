package io.mailplatform.smtp.codec;

import io.mailplatform.smtp.parse.BdatLine;
import io.mailplatform.smtp.parse.SmtpCommandParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames the bytes of an SMTP session: command lines, DATA text and BDAT chunks. It owns the
 * limits that must hold before anything is buffered (a command line over {@value #MAX_LINE}
 * octets is discarded as it arrives) and the framing rules that cannot wait for the session:
 * <ul>
 * <li>after a {@code DATA} or {@code STARTTLS} line it pauses: whether the next bytes are message
 * text, commands, or plaintext to throw away before the TLS handshake (RFC 3207 §4.2) depends on the
 * session's answer, so nothing after them is decoded until the session calls {@link #startData()}
 * or {@link #resumeCommands()};</li>
 * <li>a {@code BDAT n} line is followed by exactly n octets whatever the session answers (RFC 3030
 * §2: a refused chunk is still read), so the chunk is framed here at once, which keeps pipelined
 * BDAT working.</li>
 * </ul>
 * Business rules (is DATA allowed now, is the chunk too large) stay with the session.
 */
public final class SmtpFrameDecoder extends ByteToMessageDecoder {
    /** The longest command line buffered at all (an AUTH line, RFC 4954 §4); verbs' own limits are the parser's. */
    public static final int MAX_LINE = SmtpCommandParser.MAX_AUTH_LINE;

    private enum Mode {
        COMMAND,
        PAUSED,
        DATA,
        CHUNK
    }

    private final DataDecoder data = new DataDecoder();
    private Mode mode = Mode.COMMAND;
    private boolean discardingLine;
    private long chunkRemaining;
    private boolean inChannelRead;
    private ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    /** After DATA was accepted (354): the following bytes are message text. Call on the event loop. */
    public void startData() {
        data.reset();
        resume(Mode.DATA);
    }

    /** After the session answered a command that paused decoding without changing the framing. */
    public void resumeCommands() {
        if (mode == Mode.PAUSED) {
            resume(Mode.COMMAND);
        }
    }

    /**
     * Drops every byte received but not yet decoded: plaintext a client pipelined after STARTTLS
     * must never be executed once TLS is up (RFC 3207 §4.2).
     */
    public void discardBuffered() {
        ByteBuf buffered = internalBuffer();
        buffered.skipBytes(buffered.readableBytes());
        discardingLine = false;
    }

    private void resume(Mode next) {
        mode = next;
        if (!inChannelRead && ctx != null && internalBuffer().isReadable()) {
            // bytes arrived while paused: decode them as if they had just been read, after the
            // session's current task (never re-entering the session from inside its own handler)
            ctx.executor().execute(() -> {
                if (!ctx.isRemoved() && internalBuffer().isReadable()) {
                    channelRead(ctx, Unpooled.EMPTY_BUFFER);
                }
            });
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean nested = inChannelRead;
        inChannelRead = true;
        try {
            super.channelRead(ctx, msg);
        } catch (Exception e) {
            ctx.fireExceptionCaught(e);
        } finally {
            inChannelRead = nested;
        }
    }

    /**
     * While paused nothing is decoded, so a read yields no frame, and ByteToMessageDecoder would then
     * ask for another read even with auto-read off: a client that sends text without waiting for
     * 354 would be buffered without bound. Paused, no further read is requested; the session turns
     * reading on again when it has decided.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (mode == Mode.PAUSED) {
            ctx.fireChannelReadComplete();
            return;
        }
        super.channelReadComplete(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable() && out.isEmpty()) {
            switch (mode) {
                case PAUSED:
                    return;
                case COMMAND:
                    if (!commandLine(in, out)) {
                        return;
                    }
                    break;
                case DATA:
                    if (data.decode(in, out)) {
                        mode = Mode.COMMAND;
                    } else if (out.isEmpty()) {
                        return;
                    }
                    break;
                case CHUNK:
                    chunk(in, out);
                    break;
                default:
                    throw new IllegalStateException(mode.toString());
            }
        }
    }

    /** Decodes one command line; false when the buffer holds no complete line yet. */
    private boolean commandLine(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (discardingLine) {
            if (lf < 0) {
                in.skipBytes(in.readableBytes());
                return false;
            }
            in.readerIndex(lf + 1);
            discardingLine = false;
            out.add(SmtpFrame.CommandTooLong.INSTANCE);
            return true;
        }
        if (lf < 0) {
            if (in.readableBytes() > MAX_LINE) {
                in.skipBytes(in.readableBytes()); // never buffer the rest of an over-long line
                discardingLine = true;
            }
            return false;
        }
        int length = lf - start;
        int content = length > 0 && in.getByte(lf - 1) == '\r' ? length - 1 : length;
        if (content + 2 > MAX_LINE) {
            in.readerIndex(lf + 1);
            out.add(SmtpFrame.CommandTooLong.INSTANCE);
            return true;
        }
        ByteBuf line = in.readRetainedSlice(content);
        in.skipBytes(length - content + 1);
        out.add(new SmtpFrame.CommandLine(line));
        frameAfter(line, out);
        return true;
    }

    /** Sets the framing of the bytes after a command line. */
    private void frameAfter(ByteBuf line, List<Object> out) {
        if (isVerb(line, "DATA") || isVerb(line, "STARTTLS")) {
            mode = Mode.PAUSED;
            return;
        }
        if (isVerb(line, "BDAT")) {
            BdatLine bdat = BdatLine.ofCommandLine(line.toString(StandardCharsets.US_ASCII));
            if (bdat != null) {
                chunkRemaining = bdat.size();
                if (chunkRemaining == 0) {
                    out.add(SmtpFrame.EndOfChunk.INSTANCE);
                } else {
                    mode = Mode.CHUNK;
                }
            }
        }
    }

    private void chunk(ByteBuf in, List<Object> out) {
        int take = (int) Math.min(chunkRemaining, in.readableBytes());
        out.add(new SmtpFrame.MessageContent(in.readRetainedSlice(take)));
        chunkRemaining -= take;
        if (chunkRemaining == 0) {
            out.add(SmtpFrame.EndOfChunk.INSTANCE);
            mode = Mode.COMMAND;
        }
    }

    /** Whether the line's first word is {@code verb} (case-insensitive, ASCII). */
    static boolean isVerb(ByteBuf line, String verb) {
        int length = line.readableBytes();
        if (length < verb.length() || (length > verb.length() && line.getByte(line.readerIndex() + verb.length()) != ' ')) {
            return false;
        }
        for (int i = 0; i < verb.length(); i++) {
            int c = line.getByte(line.readerIndex() + i) & 0xff;
            if ((c & ~0x20) != verb.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

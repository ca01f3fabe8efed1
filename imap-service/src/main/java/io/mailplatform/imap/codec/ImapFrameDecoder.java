package io.mailplatform.imap.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns client bytes into {@link InboundFrame}s: complete commands made of lines and literals
 * (RFC 9051 §4.3), continuation requests for synchronizing literals, and refusals.
 *
 * <p>Every limit is enforced here, before anything is buffered: a line longer than
 * {@code maxLineLength} (or the lines of one command together) is skipped up to its LF; a
 * synchronizing literal above the limit is refused before the client sends it; a
 * non-synchronizing one above the limit is skipped octet by octet, with the rest of its command
 * (RFC 7888 §4). Literals of APPEND may be as large as {@code maxMessageSize}; those of any other
 * command share the line limit. A literal's buffer grows with the octets that arrive, never ahead
 * of them, so announcing a size costs nothing.
 *
 * <p>A literal within those limits but larger than {@link #holdLiteralsLargerThan} is not read
 * until the session decides ({@link LiteralPending}): reading from the socket stops meanwhile, so
 * octets a client sends without waiting are not buffered either. The session sets that bound by
 * its state (small before authentication); the decoder knows nothing of states.
 */
public final class ImapFrameDecoder extends ByteToMessageDecoder {
    private static final int INITIAL_LITERAL_BUFFER = 8192;

    private final int maxLineLength;
    private final long maxMessageSize;

    private final List<byte[]> lines = new ArrayList<>();
    private final List<byte[]> literals = new ArrayList<>();
    private int commandLineBytes;
    private long commandLiteralBytes;
    private String tag;
    private boolean append;

    private byte[] literal;
    private int literalFill;
    private long literalSize;

    private long skipOctets;
    private boolean skipLine;
    private boolean skipRestOfCommand;

    private long holdAbove;
    private LiteralMarker held;
    private ChannelHandlerContext ctx;

    /**
     * @param maxLineLength the longest line, and the most a command's lines and non-APPEND literals take together
     * @param maxMessageSize the largest APPEND literal
     * @param holdAbove literals larger than this wait for the session's decision ({@link LiteralPending})
     */
    public ImapFrameDecoder(int maxLineLength, long maxMessageSize, long holdAbove) {
        this.maxLineLength = maxLineLength;
        this.maxMessageSize = maxMessageSize;
        this.holdAbove = holdAbove;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    /** Literals larger than {@code octets} wait for the session from now on. Call on the channel's event loop. */
    public void holdLiteralsLargerThan(long octets) {
        holdAbove = octets;
    }

    /**
     * The held literal is wanted: its octets are read as those of any literal. The session has sent
     * the continuation request of a synchronizing one. Call on the channel's event loop.
     */
    public void acceptLiteral() {
        LiteralMarker marker = held;
        if (marker == null) {
            return;
        }
        held = null;
        startLiteral(marker);
        resumeReading();
    }

    /**
     * The held literal's command was refused: a synchronizing literal is not sent by the client, the
     * octets of a non-synchronizing one are skipped with the rest of its command (RFC 7888 §4). Call
     * on the channel's event loop.
     */
    public void refuseLiteral() {
        LiteralMarker marker = held;
        if (marker == null) {
            return;
        }
        held = null;
        if (marker.nonSynchronizing()) {
            skipOctets = marker.size();
            skipRestOfCommand = true;
        } else {
            reset();
        }
        resumeReading();
    }

    private void pauseReading() {
        ctx.channel().config().setAutoRead(false);
    }

    /** Reads again, and decodes what arrived while the literal was held (a read may never come for it). */
    private void resumeReading() {
        ctx.channel().config().setAutoRead(true);
        ctx.executor().execute(() -> {
            if (held == null && ctx.channel().isActive() && internalBuffer().isReadable()) {
                try {
                    channelRead(ctx, Unpooled.EMPTY_BUFFER);
                } catch (Exception e) {
                    ctx.fireExceptionCaught(e);
                }
            }
        });
    }

    /**
     * Drops buffered input and any command in progress. Used when a session switches to TLS:
     * plaintext pipelined after STARTTLS must never be read as commands (RFC 9051 §6.2.1).
     * Call on the channel's event loop.
     */
    public void discardBuffered() {
        ByteBuf buffered = internalBuffer();
        buffered.skipBytes(buffered.readableBytes());
        reset();
        if (held != null) {
            // a literal announced behind STARTTLS is discarded with the rest: the handshake must be read
            held = null;
            ctx.channel().config().setAutoRead(true);
        }
        skipOctets = 0;
        skipLine = false;
        skipRestOfCommand = false;
    }

    /**
     * Forgets the command in progress: its literal was not asked for (the session answered BAD),
     * so a well-behaved client sends nothing more of it. Call on the channel's event loop.
     */
    public void abandonCommand() {
        reset();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (held != null) {
                // said again at every read: another handler may have turned reading back on
                pauseReading();
                return;
            }
            if (skipOctets > 0) {
                int n = (int) Math.min(skipOctets, in.readableBytes());
                in.skipBytes(n);
                skipOctets -= n;
                continue;
            }
            if (literal != null) {
                readLiteral(in);
                continue;
            }
            int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (skipLine) {
                if (lf < 0) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                in.readerIndex(lf + 1);
                skipLine = false;
                lineTooLong(out);
                continue;
            }
            int budget = maxLineLength - commandLineBytes;
            if (lf < 0) {
                // CR and the LF still to come may follow the longest acceptable line
                if (in.readableBytes() > budget + 1) {
                    noteTag(in, in.readerIndex(), in.writerIndex(), false);
                    in.skipBytes(in.readableBytes());
                    skipLine = true;
                }
                return;
            }
            int length = lf - in.readerIndex();
            int contentLength = length > 0 && in.getByte(lf - 1) == '\r' ? length - 1 : length;
            if (contentLength > budget) {
                noteTag(in, in.readerIndex(), in.readerIndex() + contentLength, true);
                in.readerIndex(lf + 1);
                lineTooLong(out);
                continue;
            }
            byte[] line = new byte[contentLength];
            in.readBytes(line);
            in.skipBytes(length - contentLength + 1);
            line(line, out);
        }
    }

    private void line(byte[] line, List<Object> out) {
        LiteralMarker marker = LiteralMarker.at(line);
        if (skipRestOfCommand) {
            // the rest of a refused command: skip it, following its non-synchronizing literals
            if (marker != null && marker.nonSynchronizing()) {
                skipOctets = marker.size();
            } else {
                skipRestOfCommand = false;
                reset();
            }
            return;
        }
        if (lines.isEmpty()) {
            tag = tagOf(line, line.length, true);
            append = isAppend(line);
        }
        commandLineBytes += line.length;
        lines.add(line);
        if (marker == null) {
            out.add(new CommandFrame(lines, literals));
            reset();
            return;
        }
        long allowed = (append ? maxMessageSize + maxLineLength : maxLineLength) - commandLiteralBytes;
        if (marker.size() > allowed || (append && marker.size() > maxMessageSize)) {
            out.add(new FrameRejected(tag, marker.nonSynchronizing() ? FrameRejected.Reason.NON_SYNC_LITERAL_TOO_LARGE
                    : FrameRejected.Reason.LITERAL_TOO_LARGE, marker.size(), append, lines.get(0)));
            if (marker.nonSynchronizing()) {
                skipOctets = marker.size();
                skipRestOfCommand = true;
            } else {
                reset();
            }
            return;
        }
        if (marker.size() > holdAbove) {
            held = marker;
            out.add(new LiteralPending(tag, marker.size(), !marker.nonSynchronizing(), lines.get(0)));
            pauseReading();
            return;
        }
        if (!marker.nonSynchronizing()) {
            out.add(new ContinuationRequest(marker.size(), lines.get(0)));
        }
        startLiteral(marker);
    }

    private void startLiteral(LiteralMarker marker) {
        commandLiteralBytes += marker.size();
        literalSize = marker.size();
        literal = new byte[(int) Math.min(literalSize, INITIAL_LITERAL_BUFFER)];
        literalFill = 0;
        if (literalSize == 0) {
            finishLiteral();
        }
    }

    private void readLiteral(ByteBuf in) {
        int n = (int) Math.min(literalSize - literalFill, in.readableBytes());
        if (literalFill + n > literal.length) {
            // grow with what arrived, doubling, never past the announced size
            long capacity = Math.max((long) literalFill + n, (long) literal.length * 2);
            literal = Arrays.copyOf(literal, (int) Math.min(capacity, literalSize));
        }
        in.readBytes(literal, literalFill, n);
        literalFill += n;
        if (literalFill == literalSize) {
            finishLiteral();
        }
    }

    private void finishLiteral() {
        literals.add(literal.length == literalFill ? literal : Arrays.copyOf(literal, literalFill));
        literal = null;
    }

    private void lineTooLong(List<Object> out) {
        if (skipRestOfCommand) {
            skipRestOfCommand = false;
        } else {
            out.add(new FrameRejected(tag, FrameRejected.Reason.LINE_TOO_LONG, maxLineLength, append, null));
        }
        reset();
    }

    /** Remembers the tag of an overlong first line, before its bytes are skipped. */
    private void noteTag(ByteBuf in, int from, int to, boolean wholeLine) {
        if (lines.isEmpty() && !skipRestOfCommand) {
            byte[] start = new byte[Math.min(to - from, 256)];
            in.getBytes(from, start);
            tag = tagOf(start, start.length, wholeLine && start.length == to - from);
        }
    }

    private void reset() {
        lines.clear();
        literals.clear();
        commandLineBytes = 0;
        commandLiteralBytes = 0;
        tag = null;
        append = false;
        literal = null;
    }

    /**
     * The tag of a command line: its first word if every octet is a tag character (RFC 9051 §9
     * {@code tag}); null if there is none, or if {@code complete} is false and no space was seen.
     */
    static String tagOf(byte[] line, int length, boolean complete) {
        int end = 0;
        while (end < length && line[end] != ' ') {
            if (!isTagChar(line[end])) {
                return null;
            }
            end++;
        }
        if (end == 0 || end == length && !complete) {
            return null;
        }
        return new String(line, 0, end, StandardCharsets.US_ASCII);
    }

    /** ASTRING-CHAR except "+" (RFC 9051 §9 {@code tag}). */
    public static boolean isTagChar(byte b) {
        return b > 0x20 && b < 0x7f && "(){%*\"\\+".indexOf(b) < 0;
    }

    private static boolean isAppend(byte[] line) {
        int space = indexOf(line, (byte) ' ', 0);
        if (space < 0) {
            return false;
        }
        int end = indexOf(line, (byte) ' ', space + 1);
        String name = new String(line, space + 1, (end < 0 ? line.length : end) - space - 1, StandardCharsets.US_ASCII);
        return name.equalsIgnoreCase("APPEND");
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** {@code {n}} or {@code {n+}} closing a line (RFC 9051 §9 {@code literal}). */
    record LiteralMarker(long size, boolean nonSynchronizing, int start) {
        static LiteralMarker at(byte[] line) {
            int end = line.length - 1;
            if (end < 2 || line[end] != '}') {
                return null;
            }
            int i = end - 1;
            boolean plus = line[i] == '+';
            if (plus) {
                i--;
            }
            int digitsEnd = i;
            while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
                i--;
            }
            if (i < 0 || line[i] != '{' || i == digitsEnd) {
                return null;
            }
            long size = 0;
            for (int d = i + 1; d <= digitsEnd; d++) {
                size = size > Long.MAX_VALUE / 10 - 9 ? Long.MAX_VALUE : size * 10 + (line[d] - '0');
            }
            return new LiteralMarker(size, plus, i);
        }
    }
}

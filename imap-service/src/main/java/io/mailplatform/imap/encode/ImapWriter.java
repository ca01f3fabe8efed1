package io.mailplatform.imap.encode;

import io.mailplatform.imap.mailbox.MailboxNames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes IMAP syntax (RFC 9051 §4): atoms, numbers, quoted strings, literals, NIL and lists.
 * Output collects in a plain array copied to one buffer for the {@link Sink} once it is large
 * enough or on {@link #flush()} (written octet by octet into a pooled buffer, each octet paid the
 * buffer's bounds and reference checks: a fifth of the IMAP workers' time under FETCH load); large
 * literals go to the sink as they are, without copying and in writes of at most {@link #MAX_WRITE}
 * octets, so a big body is never held twice; a streamed one ({@link #literalHeader}, {@link #chunk})
 * is held a chunk at a time, and {@link #defer} leaves part of a response to be produced when the
 * client is ready for it.
 *
 * <p>In IMAP4rev1 mode 8-bit text is sent as a literal and mailbox names in modified UTF-7; once
 * the client enabled IMAP4rev2 it may be quoted UTF-8 (RFC 9051 Appendix A).
 */
public final class ImapWriter {
    /** Where encoded bytes go; takes ownership of every buffer it is given. */
    public interface Sink {
        void write(ByteBuf bytes);

        /** Output to produce after everything written so far; what is written next follows it. */
        void defer(DeferredOutput output);

        ByteBufAllocator alloc();

        /** False once written bytes can no longer reach the client. */
        default boolean connected() {
            return true;
        }
    }

    /** Largest single write: each write must complete within the write deadline, even to a slow client. */
    public static final int MAX_WRITE = 256 * 1024;
    private static final int FLUSH_THRESHOLD = 32 * 1024;
    private static final int DIRECT_LITERAL = 16 * 1024;
    /** Strings longer than this (in octets) go as literals even when they could be quoted. */
    private static final int MAX_QUOTED = 1024;
    private static final byte[] NIL = {'N', 'I', 'L'};
    private static final int INITIAL = 512;
    private static final byte[] EMPTY = {};

    private final Sink sink;
    /** Let go at every flush, so an idle session holds no array (10,000 of them would hold megabytes). */
    private byte[] out = EMPTY;
    private int size;
    private boolean utf8;

    public ImapWriter(Sink sink) {
        this.sink = sink;
    }

    /** Switches to IMAP4rev2 output (UTF-8 quoted strings and mailbox names). */
    public void utf8(boolean utf8) {
        this.utf8 = utf8;
    }

    public boolean utf8() {
        return utf8;
    }

    /** Room for {@code more} octets after the {@link #size} written; returns the array to write them into. */
    private byte[] room(int more) {
        int need = size + more;
        if (need > out.length) {
            out = Arrays.copyOf(out, Math.max(need, Math.max(INITIAL, out.length * 2)));
        }
        return out;
    }

    private void put(byte[] octets, int from, int length) {
        System.arraycopy(octets, from, room(length), size, length);
        size += length;
    }

    /** ASCII text as it is (atoms and syntax); a character outside ASCII becomes '?', as US-ASCII encoding does. */
    public ImapWriter raw(String ascii) {
        int length = ascii.length();
        byte[] to = room(length);
        for (int i = 0; i < length; i++) {
            char c = ascii.charAt(i);
            to[size + i] = c < 0x80 ? (byte) c : (byte) '?';
        }
        size += length;
        return this;
    }

    public ImapWriter raw(char c) {
        room(1)[size++] = (byte) c;
        return this;
    }

    public ImapWriter sp() {
        return raw(' ');
    }

    public ImapWriter crlf() {
        byte[] to = room(2);
        to[size] = '\r';
        to[size + 1] = '\n';
        size += 2;
        return this;
    }

    /** Digits written straight into the buffer (numbers are in every FETCH response; a String each showed in profiles). */
    public ImapWriter number(long n) {
        if (n < 0) {
            return raw(Long.toString(n));
        }
        int length = 1;
        for (long rest = n; rest >= 10; rest /= 10) {
            length++;
        }
        byte[] to = room(length);
        long rest = n;
        for (int at = size + length - 1; at >= size; at--) {
            to[at] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        size += length;
        return this;
    }

    public ImapWriter nil() {
        put(NIL, 0, NIL.length);
        return this;
    }

    public ImapWriter open() {
        return raw('(');
    }

    public ImapWriter close() {
        return raw(')');
    }

    /** Human-readable text of a status response: one line, ASCII unless IMAP4rev2 is enabled. */
    public ImapWriter text(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            clean.append(c < 0x20 || c == 0x7f || (c > 0x7e && !utf8) ? '?' : c);
        }
        byte[] octets = clean.toString().getBytes(StandardCharsets.UTF_8);
        put(octets, 0, octets.length);
        return this;
    }

    /** A string: quoted when it can be (RFC 9051 §4.3), otherwise a literal. */
    public ImapWriter string(String value) {
        byte[] octets = value.getBytes(StandardCharsets.UTF_8);
        return canQuote(octets) ? quoted(octets) : literal(octets);
    }

    /** NIL for null, otherwise a string. */
    public ImapWriter nstring(String value) {
        return value == null ? nil() : string(value);
    }

    /** An atom when the value is one (and not NIL), otherwise a string. */
    public ImapWriter astring(String value) {
        if (isAtom(value) && !value.equalsIgnoreCase("NIL")) {
            return raw(value);
        }
        return string(value);
    }

    /** A mailbox name from the store, in the session's form (RFC 9051 §5.1, Appendix A.1). */
    public ImapWriter mailbox(String name) {
        return astring(MailboxNames.toClient(name, utf8));
    }

    public ImapWriter quoted(String value) {
        return quoted(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The octets in quotes. Scanned and copied as octets, not characters (per character, the scan and the UTF-8
     * encoding were a sixth of the IMAP workers' time under FETCH load); no octet of a multi-octet UTF-8
     * sequence is a quote or a backslash. Runs between the octets to escape go in one write each.
     */
    private ImapWriter quoted(byte[] octets) {
        raw('"');
        int from = 0;
        for (int i = 0; i < octets.length; i++) {
            byte b = octets[i];
            if (b == '"' || b == '\\') {
                put(octets, from, i - from);
                raw('\\');
                from = i;
            }
        }
        put(octets, from, octets.length - from);
        return raw('"');
    }

    /** A synchronizing-form literal {n} (the only form servers send). */
    public ImapWriter literal(byte[] bytes) {
        literalHeader(bytes.length, false);
        return octets(bytes);
    }

    /** A literal8 ~{n} for BINARY data with NUL octets (RFC 9051 §4.3.1). */
    public ImapWriter literal8(byte[] bytes) {
        literalHeader(bytes.length, true);
        return octets(bytes);
    }

    /**
     * The start of a literal, {n} or ~{n} and CRLF, whose octets follow through {@link #chunk};
     * the caller owes exactly {@code length} of them.
     */
    public ImapWriter literalHeader(long length, boolean literal8) {
        return raw(literal8 ? "~{" : "{").number(length).raw("}").crlf();
    }

    /** Octets of a literal being streamed: what is buffered goes first, then these, without copying. */
    public ImapWriter chunk(byte[] octets) {
        flush();
        for (int from = 0; from < octets.length; from += MAX_WRITE) {
            sink.write(Unpooled.wrappedBuffer(octets, from, Math.min(MAX_WRITE, octets.length - from)));
        }
        return this;
    }

    /** Leaves the rest of this part of a response to {@code output}, after what was written so far. */
    public ImapWriter defer(DeferredOutput output) {
        flush();
        sink.defer(output);
        return this;
    }

    /** Whether the sink still reaches the client. */
    public boolean connected() {
        return sink.connected();
    }

    private ImapWriter octets(byte[] bytes) {
        if (bytes.length >= DIRECT_LITERAL) {
            chunk(bytes);
        } else {
            put(bytes, 0, bytes.length);
        }
        return this;
    }

    /** Marks the end of one response; hands the buffer on once it is large. */
    public void endOfResponse() {
        if (size >= FLUSH_THRESHOLD) {
            flush();
        }
    }

    /** Hands everything written so far to the sink. */
    public void flush() {
        if (size > 0) {
            ByteBuf bytes = sink.alloc().buffer(size);
            bytes.writeBytes(out, 0, size);
            size = 0;
            out = EMPTY;
            sink.write(bytes);
        }
    }

    /** Drops what is pending without sending it (the connection is gone). */
    public void discard() {
        size = 0;
        out = EMPTY;
    }

    private boolean canQuote(byte[] octets) {
        if (octets.length > MAX_QUOTED) {
            return false;
        }
        for (byte b : octets) {
            if (b == '\r' || b == '\n' || b == 0 || (b < 0 && !utf8)) {
                return false;
            }
        }
        return true;
    }

    static boolean isAtom(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}

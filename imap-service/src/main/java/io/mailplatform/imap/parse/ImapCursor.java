package io.mailplatform.imap.parse;

import io.mailplatform.imap.codec.CommandFrame;
import io.mailplatform.imap.response.ImapSyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A cursor over one {@link CommandFrame}, with a method per ABNF terminal of RFC 9051 §9. Literals
 * are taken whole from the frame (never copied); every error is an {@link ImapSyntaxException}
 * naming what was expected.
 */
public final class ImapCursor {
    private final List<byte[]> lines;
    private final List<byte[]> literals;
    private int line;
    private int pos;

    public ImapCursor(CommandFrame frame) {
        this.lines = frame.lines();
        this.literals = frame.literals();
    }

    /** A cursor over a single line of text (tests, sub-parsers). */
    public static ImapCursor of(String text) {
        return new ImapCursor(CommandFrame.line(text));
    }

    private byte[] current() {
        return lines.get(line);
    }

    /** The next octet, or -1 at the end of the command. */
    public int peek() {
        byte[] current = current();
        return pos < current.length ? current[pos] & 0xff : -1;
    }

    public boolean atEnd() {
        return line == lines.size() - 1 && pos == current().length;
    }

    /** Requires the end of the command: no extraneous arguments (RFC 9051 §2.2.1). */
    public void end() {
        if (!atEnd()) {
            throw error("Unexpected characters at the end of the command");
        }
    }

    /** Takes one octet if it is {@code c}. */
    public boolean take(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Requires octet {@code c}. */
    public void expect(char c) {
        if (!take(c)) {
            throw error("Expected '" + c + "'");
        }
    }

    /**
     * {@code SP} between two arguments. RFC 9051 §9 has exactly one, but scripts and some clients
     * send more ({@code STORE 1  FLAGS (\Deleted)}) and Dovecot accepts them, so a run of spaces
     * counts as one separator (RFC 9051 §2.2 asks senders, not receivers, to be exact). Only
     * separators are liberal: inside a token (a quoted date-time, a tag, a command name) a space
     * stays significant.
     */
    public void sp() {
        if (!space()) {
            throw error("Expected a space");
        }
    }

    /** Takes a run of spaces separating two arguments (see {@link #sp()}); false if there is none. */
    public boolean space() {
        if (peek() != ' ') {
            return false;
        }
        do {
            pos++;
        } while (peek() == ' ');
        return true;
    }

    /** Takes a case-insensitive keyword if the next octets spell it (and an atom does not continue). */
    public boolean takeKeyword(String keyword) {
        byte[] current = current();
        int end = pos + keyword.length();
        if (end > current.length) {
            return false;
        }
        for (int i = 0; i < keyword.length(); i++) {
            if (Character.toUpperCase((char) current[pos + i]) != keyword.charAt(i)) {
                return false;
            }
        }
        if (end < current.length && isAtomChar(current[end])) {
            return false;
        }
        pos = end;
        return true;
    }

    /** Takes a case-insensitive prefix, whatever follows it. */
    public boolean takePrefix(String prefix) {
        byte[] current = current();
        if (pos + prefix.length() > current.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toUpperCase((char) current[pos + i]) != prefix.charAt(i)) {
                return false;
            }
        }
        pos += prefix.length();
        return true;
    }

    /** {@code atom}: one or more ATOM-CHARs. */
    public String atom() {
        int start = pos;
        byte[] current = current();
        while (pos < current.length && isAtomChar(current[pos])) {
            pos++;
        }
        if (pos == start) {
            throw error("Expected an atom");
        }
        return new String(current, start, pos - start, StandardCharsets.US_ASCII);
    }

    /** An atom, upper-cased, for command names and keywords. */
    public String keyword() {
        return atom().toUpperCase(Locale.ROOT);
    }

    /** {@code astring}: 1*ASTRING-CHAR or a string, as UTF-8 text. */
    public String astring() {
        return utf8(astringBytes());
    }

    public byte[] astringBytes() {
        int c = peek();
        if (c == '"' || c == '{') {
            return stringBytes();
        }
        int start = pos;
        byte[] current = current();
        while (pos < current.length && isAstringChar(current[pos])) {
            pos++;
        }
        if (pos == start) {
            throw error("Expected an atom or a string");
        }
        return java.util.Arrays.copyOfRange(current, start, pos);
    }

    /** {@code string}: a quoted string or a literal, as UTF-8 text. */
    public String string() {
        return utf8(stringBytes());
    }

    /** {@code nstring}: NIL (null) or a string. */
    public String nstring() {
        if (takeKeyword("NIL")) {
            return null;
        }
        return string();
    }

    /** A quoted string or a literal, as octets (a literal's octets are not copied). */
    public byte[] stringBytes() {
        int c = peek();
        if (c == '"') {
            return quoted();
        }
        if (c == '{') {
            return literal();
        }
        throw error("Expected a quoted string or a literal");
    }

    /** {@code quoted}: only \" and \\ may be escaped; NUL, CR and LF never appear (RFC 9051 §9). */
    public byte[] quoted() {
        expect('"');
        byte[] current = current();
        java.io.ByteArrayOutputStream value = new java.io.ByteArrayOutputStream();
        while (true) {
            if (pos >= current.length) {
                throw error("Unterminated quoted string");
            }
            byte b = current[pos++];
            if (b == '"') {
                return value.toByteArray();
            }
            if (b == '\\') {
                if (pos >= current.length || (current[pos] != '"' && current[pos] != '\\')) {
                    throw error("Only \\\" and \\\\ may be escaped in a quoted string");
                }
                b = current[pos++];
            } else if (b == 0) {
                throw error("NUL is not allowed in a quoted string");
            }
            value.write(b);
        }
    }

    /**
     * {@code literal}: the marker {n} or {n+} must end the current line; the octets are the
     * frame's next literal. {@code ~{n}} (literal8, RFC 3516) is accepted as well.
     */
    public byte[] literal() {
        take('~');
        expect('{');
        int start = pos;
        byte[] current = current();
        while (pos < current.length && current[pos] >= '0' && current[pos] <= '9') {
            pos++;
        }
        if (pos == start) {
            throw error("Expected the octet count of a literal");
        }
        take('+');
        expect('}');
        if (pos != current.length || line >= literals.size()) {
            throw error("A literal's octet count must end the line");
        }
        byte[] value = literals.get(line);
        line++;
        pos = 0;
        return value;
    }

    /** {@code number}: unsigned 32-bit. */
    public long number() {
        return digits(0xFFFFFFFFL, "a number");
    }

    /** {@code nz-number}: non-zero unsigned 32-bit. */
    public long nzNumber() {
        long n = number();
        if (n == 0) {
            throw error("Expected a non-zero number");
        }
        return n;
    }

    /** {@code number64}: unsigned 63-bit. */
    public long number64() {
        return digits(Long.MAX_VALUE, "a number");
    }

    private long digits(long max, String what) {
        int start = pos;
        byte[] current = current();
        long value = 0;
        while (pos < current.length && current[pos] >= '0' && current[pos] <= '9') {
            int digit = current[pos] - '0';
            if (value > (max - digit) / 10) {
                throw error("Number out of range");
            }
            value = value * 10 + digit;
            pos++;
        }
        if (pos == start) {
            throw error("Expected " + what);
        }
        return value;
    }

    /** Exactly {@code count} digits. */
    public int fixedDigits(int count) {
        byte[] current = current();
        int value = 0;
        for (int i = 0; i < count; i++) {
            if (pos >= current.length || current[pos] < '0' || current[pos] > '9') {
                throw error("Expected " + count + " digits");
            }
            value = value * 10 + (current[pos++] - '0');
        }
        return value;
    }

    /** Octets while {@code accept} holds, as ASCII text (may be empty). */
    public String takeWhile(java.util.function.IntPredicate accept) {
        int start = pos;
        byte[] current = current();
        while (pos < current.length && accept.test(current[pos] & 0xff)) {
            pos++;
        }
        return new String(current, start, pos - start, StandardCharsets.ISO_8859_1);
    }

    /** Like {@link #takeWhile} but leaves the cursor where it is. */
    public String takeWhileNoAdvance(java.util.function.IntPredicate accept) {
        int start = pos;
        String value = takeWhile(accept);
        pos = start;
        return value;
    }

    /** A syntax error at the cursor's position. */
    public ImapSyntaxException error(String message) {
        return new ImapSyntaxException(message);
    }

    /** Strict UTF-8 decoding: malformed octets are a syntax error, never silently replaced. */
    public String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw error("Invalid UTF-8");
        }
    }

    /** ATOM-CHAR: any CHAR except atom-specials (RFC 9051 §9). */
    public static boolean isAtomChar(int b) {
        return b > 0x20 && b < 0x7f && "(){%*\"\\]".indexOf(b) < 0;
    }

    /** ASTRING-CHAR: ATOM-CHAR or "]". */
    public static boolean isAstringChar(int b) {
        return isAtomChar(b) || b == ']';
    }

    /** list-char: ATOM-CHAR, list-wildcards or "]". */
    public static boolean isListChar(int b) {
        return isAstringChar(b) || b == '%' || b == '*';
    }
}

package io.mailplatform.core.dkim;

import io.mailplatform.core.mime.HeaderField;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * The two canonicalisation algorithms of RFC 6376 §3.4, for header fields and for the body. The body
 * is fed to the digest line by line as it is canonicalised, so a large message is not copied.
 */
public enum Canonicalization {
    SIMPLE("simple"),
    RELAXED("relaxed");

    private final String keyword;

    Canonicalization(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static Canonicalization of(String keyword) throws DkimException {
        for (Canonicalization c : values()) {
            if (c.keyword.equals(keyword)) {
                return c;
            }
        }
        throw new DkimException("unknown canonicalization " + keyword);
    }

    /** One header field, ending in CRLF: simple keeps every byte, relaxed per §3.4.2. */
    public void header(byte[] message, HeaderField field, ByteArrayOutputStream out) {
        header(message, field.start(), field.valueStart(), field.end(), out);
    }

    /**
     * The field whose name starts at {@code start} and whose value runs from {@code valueStart} to
     * {@code end} (its line break, if any, included in the range; relaxed drops it and adds CRLF).
     */
    void header(byte[] message, int start, int valueStart, int end, ByteArrayOutputStream out) {
        if (this == SIMPLE) {
            out.write(message, start, end - start);
            return;
        }
        int nameEnd = valueStart - 1; // the colon
        while (nameEnd > start && isWsp(message[nameEnd - 1])) {
            nameEnd--;
        }
        out.writeBytes(new String(message, start, nameEnd - start, java.nio.charset.StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.write(':');
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = valueStart; i < end; i++) {
            byte b = message[i];
            if (b == '\r' || b == '\n') {
                continue; // unfold: the line break goes, the white space after it collapses below
            }
            if (isWsp(b)) {
                pendingSpace = started;
                continue;
            }
            if (pendingSpace) {
                out.write(' ');
                pendingSpace = false;
            }
            out.write(b);
            started = true;
        }
        out.write('\r');
        out.write('\n');
    }

    /** A digest input for the canonical body, at most {@code limit} octets of it (the l= tag) or all when negative. */
    public BodyDigest body(MessageDigest digest, long limit) {
        return new BodyDigest(this, digest, limit);
    }

    static boolean isWsp(byte b) {
        return b == ' ' || b == '\t';
    }

    /** Canonicalises the body as it is written, one line at a time, into a digest. */
    public static final class BodyDigest {
        private final Canonicalization canonicalization;
        private final MessageDigest digest;
        private final long limit;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        private long emptyLines;
        private long written;
        private boolean anyLine;
        private boolean pendingCr;

        BodyDigest(Canonicalization canonicalization, MessageDigest digest, long limit) {
            this.canonicalization = canonicalization;
            this.digest = digest;
            this.limit = limit;
        }

        public BodyDigest update(byte[] data, int from, int to) {
            for (int i = from; i < to; i++) {
                byte b = data[i];
                if (b == '\n') {
                    pendingCr = false;
                    endLine();
                } else {
                    if (pendingCr) {
                        line.write('\r'); // a CR not followed by LF is part of the line
                    }
                    pendingCr = b == '\r';
                    if (!pendingCr) {
                        line.write(b);
                    }
                }
            }
            return this;
        }

        /** The digest of the whole canonical body; a last line without line break counts as a line. */
        public byte[] finish() {
            if (pendingCr) {
                line.write('\r');
                pendingCr = false;
            }
            if (line.size() > 0) {
                endLine();
            }
            if (!anyLine && canonicalization == SIMPLE) {
                emit(new byte[] {'\r', '\n'}, 2); // an empty body is one CRLF in simple, nothing in relaxed
            }
            return digest.digest();
        }

        private void endLine() {
            byte[] bytes = line.toByteArray();
            int length = bytes.length;
            if (canonicalization == RELAXED) {
                length = relax(bytes);
            }
            line.reset();
            if (length == 0) {
                emptyLines++;
                return;
            }
            for (; emptyLines > 0; emptyLines--) {
                emit(new byte[] {'\r', '\n'}, 2);
            }
            emit(bytes, length);
            emit(new byte[] {'\r', '\n'}, 2);
            anyLine = true;
        }

        /** Collapses runs of white space to one space and drops it at the line's end; returns the new length. */
        private static int relax(byte[] bytes) {
            int out = 0;
            boolean inWsp = false;
            for (byte b : bytes) {
                if (isWsp(b)) {
                    inWsp = true;
                    continue;
                }
                if (inWsp) {
                    bytes[out++] = ' ';
                    inWsp = false;
                }
                bytes[out++] = b;
            }
            return out;
        }

        private void emit(byte[] bytes, int length) {
            int take = length;
            if (limit >= 0) {
                take = (int) Math.max(0, Math.min(length, limit - written));
            }
            digest.update(bytes, 0, take);
            written += take;
        }
    }
}

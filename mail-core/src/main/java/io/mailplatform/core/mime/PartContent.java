package io.mailplatform.core.mime;

import java.nio.charset.Charset;

/**
 * The content of one MIME part of a stored message, decoded: transfer encoding undone (leniently,
 * never throwing), and for text the charset converted by the platform rule (the named charset when
 * Java knows it, else UTF-8 when the octets are valid UTF-8, else ISO-8859-1). Offsets are those of
 * the part's {@link BodyPart} within {@code message}. Used by the search text and by the webmail.
 */
public final class PartContent {
    private PartContent() {
    }

    /** The part's body with its transfer encoding undone; an unknown encoding is returned as stored. */
    public static byte[] decoded(byte[] message, BodyPart part) {
        return decoded(message, part, part.endOffset());
    }

    /** The decoded text of a text part. */
    public static String text(byte[] message, BodyPart part) {
        return text(message, part, part.endOffset());
    }

    /** The decoded text of the part's body octets up to {@code end} (a cap on what is looked at). */
    static String text(byte[] message, BodyPart part, int end) {
        byte[] decoded = decoded(message, part, end);
        Charset charset = Charsets.lookup(part.parameter("charset"));
        return charset != null ? new String(decoded, charset) : HeaderBytes.text(decoded, 0, decoded.length);
    }

    private static byte[] decoded(byte[] message, BodyPart part, int end) {
        int from = Math.min(part.bodyOffset(), message.length);
        int to = Math.max(from, Math.min(end, message.length));
        return ContentTransferEncoding.of(part).orElse(ContentTransferEncoding.BINARY).decode(message, from, to);
    }
}

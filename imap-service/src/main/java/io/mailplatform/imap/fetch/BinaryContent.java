package io.mailplatform.imap.fetch;

import io.mailplatform.core.mime.BodyPart;
import io.mailplatform.core.mime.ContentTransferEncoding;
import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * The content of a leaf part with its Content-Transfer-Encoding removed (RFC 9051 §6.4.5 BINARY,
 * §7.5.2): text parts in quoted-printable or an identity encoding end their lines with CRLF, whatever
 * the encoded form held; base64 gives back exactly the octets it encodes.
 */
public final class BinaryContent {
    private BinaryContent() {
    }

    /** Whether {@link #decode} knows the part's encoding. */
    public static boolean decodable(BodyPart part) {
        return ContentTransferEncoding.of(part).isPresent();
    }

    /** The decoded body, or empty if the part's encoding is unknown (the caller answers NO [UNKNOWN-CTE]). */
    public static Optional<byte[]> decode(BodyPart part, byte[] body) {
        Optional<ContentTransferEncoding> encoding = ContentTransferEncoding.of(part);
        if (encoding.isEmpty()) {
            return Optional.empty();
        }
        byte[] decoded = encoding.get().decode(body);
        // base64 carries octets, line ends included, exactly (RFC 3516 §4.2: the decoded data; as Dovecot,
        // which imaptest's fetch-binary-mime-base64 checks); other text encodings are lines, sent with CRLF
        boolean lines = part.type().equalsIgnoreCase("text") && encoding.get() != ContentTransferEncoding.BASE64;
        return Optional.of(lines ? crlf(decoded) : decoded);
    }

    /** Bare LF and bare CR become CRLF. */
    static byte[] crlf(byte[] text) {
        ByteArrayOutputStream out = null;
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            boolean bareLf = b == '\n' && (i == 0 || text[i - 1] != '\r');
            boolean bareCr = b == '\r' && (i + 1 == text.length || text[i + 1] != '\n');
            if ((bareLf || bareCr) && out == null) {
                out = new ByteArrayOutputStream(text.length + 64);
                out.write(text, 0, i);
            }
            if (out != null) {
                if (bareLf || bareCr) {
                    out.write('\r');
                    out.write('\n');
                } else {
                    out.write(b);
                }
            }
        }
        return out == null ? text : out.toByteArray();
    }
}

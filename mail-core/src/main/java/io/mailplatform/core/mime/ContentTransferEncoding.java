package io.mailplatform.core.mime;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Content-Transfer-Encodings of RFC 2045 §6, with lenient decoders for IMAP BINARY
 * (RFC 3516 / RFC 9051 §6.4.5) and the webmail. An encoding this platform does not know
 * ({@code x-uuencode}, junk) has no constant: {@link #of(String)} answers empty and IMAP answers
 * {@code NO [UNKNOWN-CTE]}.
 *
 * <p>Decoding never throws: base64 ignores characters outside its alphabet and stops at the first
 * padding; quoted-printable keeps an {@code =} that does not start a valid escape and drops
 * trailing whitespace on encoded lines (RFC 2045 §6.7 rule 3).
 */
public enum ContentTransferEncoding {
    SEVEN_BIT("7bit"),
    EIGHT_BIT("8bit"),
    BINARY("binary"),
    QUOTED_PRINTABLE("quoted-printable"),
    BASE64("base64");

    private static final ContentTransferEncoding[] VALUES = values();

    private final String token;

    ContentTransferEncoding(String token) {
        this.token = token;
    }

    /** The RFC 2045 token, lower case. */
    public String token() {
        return token;
    }

    /** True when decoding changes the bytes (base64, quoted-printable). */
    public boolean transforms() {
        return this == QUOTED_PRINTABLE || this == BASE64;
    }

    /**
     * The encoding a Content-Transfer-Encoding value names (case-insensitive, surrounding blanks
     * and a trailing comment ignored); a missing value (null or blank) is 7bit (RFC 2045 §6.1);
     * empty for an unknown encoding.
     */
    public static Optional<ContentTransferEncoding> of(String value) {
        if (value == null) {
            return Optional.of(SEVEN_BIT);
        }
        String name = value;
        int comment = name.indexOf('(');
        if (comment >= 0) {
            name = name.substring(0, comment);
        }
        name = name.trim();
        if (name.isEmpty()) {
            return Optional.of(SEVEN_BIT);
        }
        for (ContentTransferEncoding encoding : VALUES) {
            if (encoding.token.equalsIgnoreCase(name)) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }

    /** The encoding of a part's body, empty when unknown. */
    public static Optional<ContentTransferEncoding> of(BodyPart part) {
        return of(part.encoding());
    }

    public byte[] decode(byte[] content) {
        return decode(content, 0, content.length);
    }

    /** Decodes {@code content[from..to)}; identity encodings return a copy of the range. */
    public byte[] decode(byte[] content, int from, int to) {
        switch (this) {
            case BASE64:
                return TransferDecoder.base64(content, from, to);
            case QUOTED_PRINTABLE:
                return TransferDecoder.quotedPrintable(content, from, to);
            default:
                return Arrays.copyOfRange(content, from, to);
        }
    }
}

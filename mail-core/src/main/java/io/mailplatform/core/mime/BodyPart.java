package io.mailplatform.core.mime;

import java.util.List;

/**
 * One MIME entity of a stored message, with what IMAP BODYSTRUCTURE (RFC 9051 §7.5.2) reports and
 * the byte offsets that let FETCH BODY[section] be served from the stored bytes without parsing
 * again. Offsets are relative to the start of the message content as delivered (before any
 * per-recipient trace prefix the store adds).
 *
 * <p>Sections map onto offsets like this, for {@code p = root.part(numbers)} (RFC 9051 §6.4.5):
 * <ul>
 * <li>{@code BODY[HEADER]} of the message: {@code root.headerOffset .. root.bodyOffset};
 *     {@code BODY[TEXT]}: {@code root.bodyOffset .. root.endOffset}</li>
 * <li>{@code BODY[n]}: {@code p.bodyOffset .. p.endOffset} (for a message/rfc822 part that is the
 *     whole encapsulated message)</li>
 * <li>{@code BODY[n.MIME]}: {@code p.headerOffset .. p.bodyOffset} (the part's MIME header,
 *     including its blank line)</li>
 * <li>{@code BODY[n.HEADER]} and {@code BODY[n.TEXT]} of a message/rfc822 part: the same ranges of
 *     {@code p.message()}, the encapsulated message's root entity</li>
 * </ul>
 *
 * <p>The parser fills in the RFC 2045 defaults: a missing or unusable Content-Type is
 * {@code text/plain; charset=us-ascii} ({@code message/rfc822} inside multipart/digest, RFC 2046
 * §5.1.5), and a text/* type without a charset gets {@code charset=us-ascii}.
 *
 * @param type media type as written, e.g. "text" (defaults applied: "text" for a missing header)
 * @param subtype media subtype as written, e.g. "plain"
 * @param parameters Content-Type parameters in order, values unquoted and RFC 2231-joined: continuations
 *        ({@code name*0}, {@code name*1}) are concatenated and a charset-tagged value ({@code name*=utf-8''%E2%82%AC})
 *        is decoded to Unicode and reported under its plain name ({@code name}); RFC 2047 encoded words are
 *        left as written
 * @param id Content-ID, or null
 * @param description Content-Description, raw, or null
 * @param encoding Content-Transfer-Encoding as written, or null (IMAP then reports "7BIT")
 * @param headerOffset where this entity's header starts (for a multipart child: after the boundary line;
 *        for an encapsulated message: its part's bodyOffset)
 * @param bodyOffset where this entity's body starts (after the blank line; equal to headerOffset when there is no header)
 * @param endOffset where this entity's body ends (before the CRLF that precedes the next boundary)
 * @param lines body lines, for text/* and message/rfc822 (0 otherwise): line breaks in the body plus one
 *        for a last line without a line break (so a part's last line, whose CRLF belongs to the boundary,
 *        counts)
 * @param md5 Content-MD5, or null
 * @param disposition Content-Disposition, or null
 * @param language Content-Language values, empty when absent
 * @param location Content-Location, or null
 * @param parts the children of a multipart/*, empty otherwise; the parser never produces a multipart
 *        without children (one it cannot split gets one text/plain child spanning its whole body)
 * @param envelope for message/rfc822 (and message/global): the encapsulated message's envelope, else null;
 *        also null for such a part whose body is base64 or quoted-printable encoded (invalid per RFC 2046
 *        §5.2.1) or lies beyond the nesting limit: IMAP then reports it as a basic body type
 * @param message for message/rfc822 (and message/global): the encapsulated message's root entity, else null
 *        (null exactly when {@code envelope} is)
 */
public record BodyPart(String type, String subtype, List<Parameter> parameters, String id, String description,
        String encoding, int headerOffset, int bodyOffset, int endOffset, int lines, String md5, Disposition disposition,
        List<String> language, String location, List<BodyPart> parts, ImapEnvelope envelope, BodyPart message) {

    public BodyPart {
        parameters = List.copyOf(parameters);
        language = List.copyOf(language);
        parts = List.copyOf(parts);
    }

    /** The body size in octets, as BODYSTRUCTURE reports it. */
    public int bodySize() {
        return endOffset - bodyOffset;
    }

    /** The header size in octets (BODY[n.MIME], or BODY[HEADER] of the root), blank line included. */
    public int headerSize() {
        return bodyOffset - headerOffset;
    }

    public boolean isMultipart() {
        return type.equalsIgnoreCase("multipart");
    }

    /** True for a message/rfc822 or message/global part whose encapsulated message was parsed. */
    public boolean isEncapsulatedMessage() {
        return message != null;
    }

    /** A parameter of the Content-Type (name compared case-insensitively), or null. */
    public String parameter(String name) {
        for (Parameter parameter : parameters) {
            if (parameter.name().equalsIgnoreCase(name)) {
                return parameter.value();
            }
        }
        return null;
    }

    /**
     * The entity a section part number names (RFC 9051 §6.4.5), with this entity as the message's
     * root: in a multipart, n is its n-th child; a non-multipart body has only part 1, itself; after
     * a message/rfc822 part the next number counts in its encapsulated message's body. Returns null
     * for a part that does not exist; no numbers names this root entity.
     */
    public BodyPart part(int... partNumbers) {
        BodyPart current = this;
        for (int i = 0; i < partNumbers.length; i++) {
            int number = partNumbers[i];
            BodyPart container;
            if (i == 0) {
                container = this;
            } else if (current.message != null) {
                container = current.message;
            } else if (current.isMultipart()) {
                container = current;
            } else {
                return null;
            }
            if (container.isMultipart()) {
                if (number < 1 || number > container.parts.size()) {
                    return null;
                }
                current = container.parts.get(number - 1);
            } else if (number == 1) {
                current = container;
            } else {
                return null;
            }
        }
        return current;
    }

    /** A name/value pair of Content-Type or Content-Disposition. */
    public record Parameter(String name, String value) {
    }

    /** Content-Disposition (RFC 2183). */
    public record Disposition(String type, List<Parameter> parameters) {
        public Disposition {
            parameters = List.copyOf(parameters);
        }

        /** A parameter (name compared case-insensitively), or null. */
        public String parameter(String name) {
            for (Parameter parameter : parameters) {
                if (parameter.name().equalsIgnoreCase(name)) {
                    return parameter.value();
                }
            }
            return null;
        }
    }
}

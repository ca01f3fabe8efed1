package io.mailplatform.core.mime;

import java.util.List;

/**
 * One MIME entity of a stored message, with what IMAP BODYSTRUCTURE (RFC 9051 §7.5.2) reports and
 * the byte offsets that let FETCH BODY[section] be served from the stored bytes without parsing
 * again. Offsets are relative to the start of the message content as delivered (before any
 * per-recipient trace prefix the store adds).
 *
 * @param type media type as written, e.g. "text" (defaults applied: "text" for a missing header)
 * @param subtype media subtype as written, e.g. "plain"
 * @param parameters Content-Type parameters in order, values unquoted and RFC 2231-joined
 * @param id Content-ID, or null
 * @param description Content-Description, raw, or null
 * @param encoding Content-Transfer-Encoding as written, or null (IMAP then reports "7BIT")
 * @param headerOffset where this entity's header starts (for a multipart child: after the boundary line)
 * @param bodyOffset where this entity's body starts (after the blank line; equal to headerOffset when there is no header)
 * @param endOffset where this entity's body ends (before the CRLF that precedes the next boundary)
 * @param lines body lines, for text/* and message/rfc822 (0 otherwise)
 * @param md5 Content-MD5, or null
 * @param disposition Content-Disposition, or null
 * @param language Content-Language values, empty when absent
 * @param location Content-Location, or null
 * @param parts the children of a multipart/*, empty otherwise
 * @param envelope for message/rfc822 (and message/global): the encapsulated message's envelope, else null
 * @param message for message/rfc822 (and message/global): the encapsulated message's root entity, else null
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

    public boolean isMultipart() {
        return type.equalsIgnoreCase("multipart");
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

    /** A name/value pair of Content-Type or Content-Disposition. */
    public record Parameter(String name, String value) {
    }

    /** Content-Disposition (RFC 2183). */
    public record Disposition(String type, List<Parameter> parameters) {
        public Disposition {
            parameters = List.copyOf(parameters);
        }
    }
}

package io.mailplatform.imap.encode;

import io.mailplatform.core.mime.BodyPart;
import io.mailplatform.core.mime.EnvelopeAddress;
import io.mailplatform.core.mime.ImapEnvelope;
import io.mailplatform.imap.response.FetchValue;
import io.mailplatform.imap.response.ImapResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** FETCH responses (RFC 9051 §7.5.2): {@code "*" SP nz-number SP "FETCH" SP "(" msg-att ")"}. */
final class FetchEncoder {
    /** date-time with a two-digit day (date-day-fixed) and the UTC zone. */
    private static final DateTimeFormatter INTERNALDATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);
    /** Octets of a streamed section read and written at a time. */
    static final int CHUNK = 256 * 1024;

    private FetchEncoder() {
    }

    static void fetch(ImapResponse.Fetch fetch, ImapWriter w) {
        w.raw("* ").number(fetch.msn()).raw(" FETCH (");
        boolean first = true;
        for (FetchValue value : fetch.values()) {
            if (!first) {
                w.sp();
            }
            first = false;
            value(value, w);
        }
        w.raw(")").crlf();
    }

    private static void value(FetchValue value, ImapWriter w) {
        if (value instanceof FetchValue.Flags flags) {
            w.raw("FLAGS (").raw(String.join(" ", flags.flags())).raw(")");
        } else if (value instanceof FetchValue.Uid uid) {
            w.raw("UID ").number(uid.uid());
        } else if (value instanceof FetchValue.ModSeq modSeq) {
            w.raw("MODSEQ (").number(modSeq.modSeq()).raw(")");
        } else if (value instanceof FetchValue.InternalDate date) {
            w.raw("INTERNALDATE \"").raw(INTERNALDATE.format(date.date())).raw("\"");
        } else if (value instanceof FetchValue.SaveDate date) {
            if (date.date() == null) {
                w.raw("SAVEDATE NIL");
            } else {
                w.raw("SAVEDATE \"").raw(INTERNALDATE.format(date.date())).raw("\"");
            }
        } else if (value instanceof FetchValue.ObjectId objectId) {
            w.raw(objectId.name()).sp();
            if (objectId.id() == null) {
                w.nil();
            } else {
                w.raw("(").raw(objectId.id()).raw(")");
            }
        } else if (value instanceof FetchValue.Preview preview) {
            w.raw("PREVIEW ").nstring(preview.text());
        } else if (value instanceof FetchValue.Size size) {
            w.raw("RFC822.SIZE ").number(size.size());
        } else if (value instanceof FetchValue.Envelope envelope) {
            w.raw("ENVELOPE ");
            envelope(envelope.envelope(), w);
        } else if (value instanceof FetchValue.BodyStructure structure) {
            w.raw(structure.extensible() ? "BODYSTRUCTURE " : "BODY ");
            body(structure.body(), structure.extensible(), w);
        } else if (value instanceof FetchValue.Section section) {
            w.raw(section.name()).sp();
            if (section.content() == null) {
                w.nil();
            } else {
                w.literal(withoutNul(section.content()));
            }
        } else if (value instanceof FetchValue.Binary binary) {
            w.raw(binary.name()).sp();
            if (binary.content() == null) {
                w.nil();
            } else if (containsNul(binary.content())) {
                w.literal8(binary.content());
            } else {
                w.literal(binary.content());
            }
        } else if (value instanceof FetchValue.StreamedSection section) {
            w.raw(section.name()).sp().defer(new StreamedLiteral(section));
        } else if (value instanceof FetchValue.Deferred deferred) {
            w.defer(later -> {
                value(deferred.value().get(), later);
                return false;
            });
        } else if (value instanceof FetchValue.BinarySize size) {
            w.raw(size.name()).sp().number(size.size());
        } else {
            throw new IllegalStateException("unknown fetch value " + value);
        }
    }

    /**
     * The octets with every NUL as 0x80: a literal cannot hold NUL (RFC 9051 §9), and a message stored
     * from a literal8 (RFC 3516 APPEND) may. BODY[] keeps its length so; BINARY[] sends it as it is, in
     * a literal8. The array itself when it holds no NUL.
     */
    static byte[] withoutNul(byte[] octets) {
        byte[] copy = null;
        for (int i = 0; i < octets.length; i++) {
            if (octets[i] == 0) {
                if (copy == null) {
                    copy = octets.clone();
                }
                copy[i] = (byte) 0x80;
            }
        }
        return copy == null ? octets : copy;
    }

    /** {@code envelope} (RFC 9051 §9): ten fields, address lists NIL when empty. */
    static void envelope(ImapEnvelope e, ImapWriter w) {
        w.open().nstring(e.date()).sp().nstring(e.subject()).sp();
        addresses(e.from(), w);
        w.sp();
        addresses(e.sender(), w);
        w.sp();
        addresses(e.replyTo(), w);
        w.sp();
        addresses(e.to(), w);
        w.sp();
        addresses(e.cc(), w);
        w.sp();
        addresses(e.bcc(), w);
        w.sp().nstring(e.inReplyTo()).sp().nstring(e.messageId()).close();
    }

    private static void addresses(List<EnvelopeAddress> addresses, ImapWriter w) {
        if (addresses.isEmpty()) {
            w.nil();
            return;
        }
        w.open();
        for (EnvelopeAddress a : addresses) {
            w.open().nstring(a.name()).sp().nstring(a.adl()).sp().nstring(a.mailbox()).sp().nstring(a.host()).close();
        }
        w.close();
    }

    /**
     * {@code body} (RFC 9051 §9): a multipart lists its parts then its subtype; a leaf gives type,
     * subtype, body-fields, lines for text, envelope, body and lines for message/rfc822. With
     * {@code extensible} (BODYSTRUCTURE) the extension data follows: parameters or MD5, then
     * disposition, language and location.
     */
    static void body(BodyPart part, boolean extensible, ImapWriter w) {
        w.open();
        if (part.isMultipart()) {
            for (BodyPart child : part.parts()) {
                body(child, extensible, w);
            }
            w.sp().string(upper(part.subtype()));
            if (extensible) {
                w.sp();
                parameters(part.parameters(), w);
                extension(part, w);
            }
            w.close();
            return;
        }
        w.string(upper(part.type())).sp().string(upper(part.subtype())).sp();
        parameters(part.parameters(), w);
        w.sp().nstring(part.id()).sp().nstring(part.description()).sp()
                .string(part.encoding() == null ? "7BIT" : upper(part.encoding())).sp().number(part.bodySize());
        if (isMessage(part)) {
            w.sp();
            envelope(part.envelope(), w);
            w.sp();
            body(part.message(), extensible, w);
            w.sp().number(part.lines());
        } else if (part.type().equalsIgnoreCase("text")) {
            w.sp().number(part.lines());
        }
        if (extensible) {
            w.sp().nstring(part.md5());
            extension(part, w);
        }
        w.close();
    }

    /** Whether the part is encapsulated mail with its own envelope and body (message/rfc822, message/global). */
    static boolean isMessage(BodyPart part) {
        return part.type().equalsIgnoreCase("message") && part.envelope() != null && part.message() != null
                && (part.subtype().equalsIgnoreCase("rfc822") || part.subtype().equalsIgnoreCase("global"));
    }

    /** body-fld-dsp SP body-fld-lang SP body-fld-loc. */
    private static void extension(BodyPart part, ImapWriter w) {
        w.sp();
        if (part.disposition() == null) {
            w.nil();
        } else {
            w.open().string(part.disposition().type()).sp();
            parameters(part.disposition().parameters(), w);
            w.close();
        }
        w.sp();
        List<String> language = part.language();
        if (language.isEmpty()) {
            w.nil();
        } else if (language.size() == 1) {
            w.string(language.get(0));
        } else {
            w.open();
            for (int i = 0; i < language.size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                w.string(language.get(i));
            }
            w.close();
        }
        w.sp().nstring(part.location());
    }

    /** {@code body-fld-param}: NIL or ("NAME" "value" ...). */
    private static void parameters(List<BodyPart.Parameter> parameters, ImapWriter w) {
        if (parameters.isEmpty()) {
            w.nil();
            return;
        }
        w.open();
        for (int i = 0; i < parameters.size(); i++) {
            if (i > 0) {
                w.sp();
            }
            w.string(upper(parameters.get(i).name())).sp().string(parameters.get(i).value());
        }
        w.close();
    }

    private static String upper(String value) {
        return value.toUpperCase(Locale.ROOT);
    }

    private static boolean containsNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}

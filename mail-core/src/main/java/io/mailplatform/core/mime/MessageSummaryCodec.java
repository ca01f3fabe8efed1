package io.mailplatform.core.mime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The storage format of {@link MessageSummary}: compact binary, versioned, fast to decode (IMAP
 * FETCH 1:* ENVELOPE decodes one summary per message).
 *
 * <p>Layout of version 1: one version octet; the envelope, prefixed by its length so that
 * {@link #decodeEnvelope(byte[])} stops there; the root entity (recursive); the sent date (as an
 * instant); the search text; then, appended later within the version, the sent date's zone offset
 * in seconds and the header text (summaries written before have neither: their sent date reads
 * back in UTC, their header text as null). Integers are LEB128 varints (signed ones zigzag-coded), offsets stored as
 * differences. A string is a varint: 0 for null, 1..n for an entry of a fixed dictionary of
 * frequent values ("text", "plain", "charset", "base64", ...), else n+1+length followed by that
 * many UTF-8 octets. The Sender and Reply-To lists cost one octet when they equal From.
 *
 * <p>Compatibility: a decoder ignores bytes after the fields it knows, so fields may be appended
 * within a version; anything else (including a new dictionary) needs a new version octet, and a
 * decoder refuses versions it does not know with {@link SummaryFormatException#unsupportedVersion()}.
 */
public final class MessageSummaryCodec {
    /** The version this code writes. */
    public static final int VERSION = 1;

    /** Frozen for version 1: never reorder or change, only a new version may. */
    private static final String[] DICTIONARY = {
        "text", "plain", "html", "charset", "us-ascii", "utf-8", "UTF-8", "iso-8859-1", "ISO-8859-1", "windows-1252",
        "multipart", "mixed", "alternative", "related", "signed", "report", "digest", "message", "rfc822", "global",
        "application", "octet-stream", "pdf", "image", "jpeg", "png", "gif", "audio", "video", "base64",
        "quoted-printable", "7bit", "8bit", "binary", "7BIT", "8BIT", "BASE64", "QUOTED-PRINTABLE", "Base64",
        "attachment", "inline", "filename", "name", "boundary", "format", "flowed", "delsp", "yes", "TEXT", "PLAIN",
        "HTML", "MULTIPART", "MIXED", "ALTERNATIVE", "RELATED", "calendar", "delivery-status", "rfc822-headers",
        "protocol", "micalg", "type", "size", "creation-date", "modification-date", "en", "en-US", "de",
        EnvelopeAddress.MISSING_DOMAIN, EnvelopeAddress.MISSING_MAILBOX, "x-zip-compressed", "zip", "msword",
        "vnd.openxmlformats-officedocument.wordprocessingml.document", "pgp-signature", "pkcs7-signature",
        "application/pgp-signature", "sha256", "pgp-sha256", "sha-256", "reply-type", "original"};

    private static final Map<String, Integer> CODES = new HashMap<>();

    static {
        for (int i = 0; i < DICTIONARY.length; i++) {
            CODES.putIfAbsent(DICTIONARY[i], i + 1);
        }
    }

    /** Recursion limit while decoding (the parser nests far less); protects against corrupt input. */
    private static final int MAX_DECODE_DEPTH = 200;

    private MessageSummaryCodec() {
    }

    public static byte[] encode(MessageSummary summary) {
        Writer out = new Writer();
        out.raw(VERSION);
        Writer envelope = new Writer();
        writeEnvelope(envelope, summary.envelope());
        out.varint(envelope.length);
        out.bytes(envelope.buffer, envelope.length);
        writePart(out, summary.body());
        OffsetDateTime sent = summary.sentDate();
        if (sent == null) {
            out.varint(0);
        } else {
            out.varint(1);
            out.signed(sent.toEpochSecond());
            out.varint(sent.getNano());
        }
        out.string(summary.searchText());
        out.signed(sent == null ? 0 : sent.getOffset().getTotalSeconds());
        out.string(summary.headerText());
        return Arrays.copyOf(out.buffer, out.length);
    }

    /** Decodes a whole summary. */
    public static MessageSummary decode(byte[] bytes) {
        Reader in = reader(bytes);
        int envelopeLength = in.count();
        int envelopeEnd = in.pos + envelopeLength;
        ImapEnvelope envelope = readEnvelope(in);
        if (in.pos != envelopeEnd) {
            throw new SummaryFormatException("envelope length mismatch", false);
        }
        BodyPart body = readPart(in, 0);
        Instant sentInstant = null;
        if (in.varint() != 0) {
            long seconds = in.signed();
            long nanos = in.varint();
            try {
                sentInstant = Instant.ofEpochSecond(seconds, nanos);
            } catch (RuntimeException e) {
                throw new SummaryFormatException("bad sent date", false);
            }
        }
        String searchText = in.string();
        long offsetSeconds = in.more() ? in.signed() : 0;
        String headerText = in.more() ? in.string() : null;
        OffsetDateTime sentDate = null;
        if (sentInstant != null) {
            try {
                sentDate = sentInstant.atOffset(ZoneOffset.ofTotalSeconds(Math.toIntExact(offsetSeconds)));
            } catch (RuntimeException e) {
                throw new SummaryFormatException("bad sent date zone", false);
            }
        }
        return new MessageSummary(envelope, body, sentDate, searchText, headerText);
    }

    /** Decodes only the envelope (FETCH ENVELOPE), skipping the rest. */
    public static ImapEnvelope decodeEnvelope(byte[] bytes) {
        Reader in = reader(bytes);
        in.count();
        return readEnvelope(in);
    }

    /** The version octet of stored summary bytes (0 for empty input). */
    public static int version(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? 0 : bytes[0] & 0xff;
    }

    private static Reader reader(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new SummaryFormatException("empty summary", false);
        }
        int version = version(bytes);
        if (version != VERSION) {
            throw new SummaryFormatException("summary version " + version + " is not supported (this code reads "
                    + VERSION + ")", version > VERSION);
        }
        Reader in = new Reader(bytes);
        in.pos = 1;
        return in;
    }

    // ---- writing -------------------------------------------------------------------------------

    private static void writeEnvelope(Writer out, ImapEnvelope envelope) {
        out.string(envelope.date());
        out.string(envelope.subject());
        writeAddresses(out, envelope.from());
        writeDefaulting(out, envelope.sender(), envelope.from());
        writeDefaulting(out, envelope.replyTo(), envelope.from());
        writeAddresses(out, envelope.to());
        writeAddresses(out, envelope.cc());
        writeAddresses(out, envelope.bcc());
        out.string(envelope.inReplyTo());
        out.string(envelope.messageId());
    }

    /** 0: the same as From; otherwise the list, its count plus one first. */
    private static void writeDefaulting(Writer out, List<EnvelopeAddress> addresses, List<EnvelopeAddress> from) {
        if (addresses.equals(from)) {
            out.varint(0);
            return;
        }
        out.varint(addresses.size() + 1L);
        writeAddressList(out, addresses);
    }

    private static void writeAddresses(Writer out, List<EnvelopeAddress> addresses) {
        out.varint(addresses.size());
        writeAddressList(out, addresses);
    }

    private static void writeAddressList(Writer out, List<EnvelopeAddress> addresses) {
        for (EnvelopeAddress address : addresses) {
            out.string(address.name());
            out.string(address.adl());
            out.string(address.mailbox());
            out.string(address.host());
        }
    }

    private static void writePart(Writer out, BodyPart part) {
        out.string(part.type());
        out.string(part.subtype());
        writeParameters(out, part.parameters());
        out.string(part.id());
        out.string(part.description());
        out.string(part.encoding());
        out.signed(part.headerOffset());
        out.signed((long) part.bodyOffset() - part.headerOffset());
        out.signed((long) part.endOffset() - part.bodyOffset());
        out.signed(part.lines());
        out.string(part.md5());
        if (part.disposition() == null) {
            out.varint(0);
        } else {
            out.varint(1);
            out.string(part.disposition().type());
            writeParameters(out, part.disposition().parameters());
        }
        out.varint(part.language().size());
        for (String language : part.language()) {
            out.string(language);
        }
        out.string(part.location());
        out.varint(part.parts().size());
        for (BodyPart child : part.parts()) {
            writePart(out, child);
        }
        int flags = (part.envelope() != null ? 1 : 0) | (part.message() != null ? 2 : 0);
        out.varint(flags);
        if (part.envelope() != null) {
            writeEnvelope(out, part.envelope());
        }
        if (part.message() != null) {
            writePart(out, part.message());
        }
    }

    private static void writeParameters(Writer out, List<BodyPart.Parameter> parameters) {
        out.varint(parameters.size());
        for (BodyPart.Parameter parameter : parameters) {
            out.string(parameter.name());
            out.string(parameter.value());
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    private static ImapEnvelope readEnvelope(Reader in) {
        String date = in.string();
        String subject = in.string();
        List<EnvelopeAddress> from = readAddresses(in, in.count());
        List<EnvelopeAddress> sender = readDefaulting(in, from);
        List<EnvelopeAddress> replyTo = readDefaulting(in, from);
        List<EnvelopeAddress> to = readAddresses(in, in.count());
        List<EnvelopeAddress> cc = readAddresses(in, in.count());
        List<EnvelopeAddress> bcc = readAddresses(in, in.count());
        return new ImapEnvelope(date, subject, from, sender, replyTo, to, cc, bcc, in.string(), in.string());
    }

    private static List<EnvelopeAddress> readDefaulting(Reader in, List<EnvelopeAddress> from) {
        int code = in.count();
        return code == 0 ? from : readAddresses(in, code - 1);
    }

    private static List<EnvelopeAddress> readAddresses(Reader in, int count) {
        if (count == 0) {
            return List.of();
        }
        EnvelopeAddress[] addresses = new EnvelopeAddress[count];
        for (int i = 0; i < count; i++) {
            addresses[i] = new EnvelopeAddress(in.string(), in.string(), in.string(), in.string());
        }
        return List.of(addresses);
    }

    private static BodyPart readPart(Reader in, int depth) {
        if (depth > MAX_DECODE_DEPTH) {
            throw new SummaryFormatException("summary nests too deep", false);
        }
        String type = in.string();
        String subtype = in.string();
        List<BodyPart.Parameter> parameters = readParameters(in);
        String id = in.string();
        String description = in.string();
        String encoding = in.string();
        long headerOffset = in.signed();
        long bodyOffset = headerOffset + in.signed();
        long endOffset = bodyOffset + in.signed();
        long lines = in.signed();
        String md5 = in.string();
        BodyPart.Disposition disposition = null;
        if (in.varint() != 0) {
            disposition = new BodyPart.Disposition(in.string(), readParameters(in));
        }
        int languageCount = in.count();
        String[] language = new String[languageCount];
        for (int i = 0; i < languageCount; i++) {
            language[i] = in.string();
        }
        String location = in.string();
        int partCount = in.count();
        BodyPart[] parts = new BodyPart[partCount];
        for (int i = 0; i < partCount; i++) {
            parts[i] = readPart(in, depth + 1);
        }
        long flags = in.varint();
        ImapEnvelope envelope = (flags & 1) != 0 ? readEnvelope(in) : null;
        BodyPart message = (flags & 2) != 0 ? readPart(in, depth + 1) : null;
        if (type == null || subtype == null) {
            throw new SummaryFormatException("part without a media type", false);
        }
        return new BodyPart(type, subtype, parameters, id, description, encoding, toInt(headerOffset), toInt(bodyOffset),
                toInt(endOffset), toInt(lines), md5, disposition, languageCount == 0 ? List.of() : List.of(language),
                location, partCount == 0 ? List.of() : List.of(parts), envelope, message);
    }

    private static List<BodyPart.Parameter> readParameters(Reader in) {
        int count = in.count();
        if (count == 0) {
            return List.of();
        }
        BodyPart.Parameter[] parameters = new BodyPart.Parameter[count];
        for (int i = 0; i < count; i++) {
            parameters[i] = new BodyPart.Parameter(in.string(), in.string());
        }
        return List.of(parameters);
    }

    private static int toInt(long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new SummaryFormatException("offset out of range", false);
        }
        return (int) value;
    }

    // ---- primitives ----------------------------------------------------------------------------

    private static final class Writer {
        byte[] buffer = new byte[256];
        int length;

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }

        void raw(int b) {
            ensure(1);
            buffer[length++] = (byte) b;
        }

        void bytes(byte[] bytes, int count) {
            ensure(count);
            System.arraycopy(bytes, 0, buffer, length, count);
            length += count;
        }

        void varint(long value) {
            ensure(10);
            while ((value & ~0x7FL) != 0) {
                buffer[length++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            buffer[length++] = (byte) value;
        }

        void signed(long value) {
            varint((value << 1) ^ (value >> 63));
        }

        void string(String value) {
            if (value == null) {
                varint(0);
                return;
            }
            Integer code = CODES.get(value);
            if (code != null) {
                varint(code);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            varint(DICTIONARY.length + 1L + utf8.length);
            bytes(utf8, utf8.length);
        }
    }

    private static final class Reader {
        final byte[] bytes;
        int pos;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= bytes.length) {
                    throw new SummaryFormatException("summary truncated", false);
                }
                byte b = bytes[pos++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new SummaryFormatException("varint too long", false);
        }

        long signed() {
            long raw = varint();
            return (raw >>> 1) ^ -(raw & 1);
        }

        /** Whether octets remain: fields appended to the version after a summary was written may be absent. */
        boolean more() {
            return pos < bytes.length;
        }

        /** A count of items still to read: each takes at least one octet, so it cannot exceed what is left. */
        int count() {
            long count = varint();
            if (count < 0 || count > bytes.length - pos + 1) {
                throw new SummaryFormatException("count beyond the data", false);
            }
            return (int) count;
        }

        String string() {
            long code = varint();
            if (code == 0) {
                return null;
            }
            if (code < 0) {
                throw new SummaryFormatException("bad string code", false);
            }
            if (code <= DICTIONARY.length) {
                return DICTIONARY[(int) code - 1];
            }
            long length = code - DICTIONARY.length - 1;
            if (length > bytes.length - pos) {
                throw new SummaryFormatException("string beyond the data", false);
            }
            String value = new String(bytes, pos, (int) length, StandardCharsets.UTF_8);
            pos += (int) length;
            return value;
        }
    }
}

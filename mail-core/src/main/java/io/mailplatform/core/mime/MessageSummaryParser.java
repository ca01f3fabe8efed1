package io.mailplatform.core.mime;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a message once into its {@link MessageSummary}: IMAP ENVELOPE, the MIME structure with
 * byte offsets (BODYSTRUCTURE and BODY[section] without parsing again), the sent date and the
 * text for full-text search.
 *
 * <p>The structure comes from an own single-pass scanner over the bytes (RFC 2045/2046): header
 * fields located without copying, multipart bodies split at delimiter lines (the line break before
 * a delimiter belongs to it, preamble and epilogue belong to no part), message/rfc822 and
 * message/global parts parsed as encapsulated messages. Field values are parsed leniently.
 *
 * <p>Never throws and does bounded work on hostile input: nesting is limited to
 * {@link Limits#maxDepth()} (deeper multiparts become application/octet-stream leaves, deeper
 * messages basic parts), the whole message to {@link Limits#maxParts()} entities (further
 * delimiters are taken as content), every scan is linear in the bytes of its entity, and the
 * search text is capped. Missing or broken boundaries, bare LF, 8-bit header junk, missing
 * headers, truncation and empty input all give a best-effort summary.
 */
public final class MessageSummaryParser {
    private static final Logger log = LoggerFactory.getLogger(MessageSummaryParser.class);

    /** Cap of {@link MessageSummary#searchText()} in UTF-8 octets (256 KiB). */
    public static final int SEARCH_TEXT_LIMIT = 256 * 1024;

    /** Cap of {@link MessageSummary#headerText()} in UTF-8 octets (64 KiB: headers are rarely a tenth of it). */
    public static final int HEADER_TEXT_LIMIT = 64 * 1024;

    /**
     * Parser limits.
     *
     * @param maxDepth how deep multiparts and encapsulated messages may nest (default 32)
     * @param maxParts how many entities one message may have in all (default 1,000)
     * @param searchTextLimit cap of the search text in UTF-8 octets (default {@link #SEARCH_TEXT_LIMIT}); 0 for
     *        no search texts at all (neither {@link MessageSummary#searchText()} nor
     *        {@link MessageSummary#headerText()}: for a store that indexes the message later)
     */
    public record Limits(int maxDepth, int maxParts, int searchTextLimit) {
        public static final Limits DEFAULT = new Limits(32, 1_000, SEARCH_TEXT_LIMIT);

        /** {@link #DEFAULT} without the search texts, which are most of a parse's cost. */
        public static final Limits WITHOUT_SEARCH_TEXT = new Limits(32, 1_000, 0);
    }

    private static final List<BodyPart.Parameter> US_ASCII = List.of(new BodyPart.Parameter("charset", "us-ascii"));

    private final byte[] m;
    private final Limits limits;
    private int entities;

    private MessageSummaryParser(byte[] message, Limits limits) {
        this.m = message;
        this.limits = limits;
    }

    /** The summary of a message; never throws (null is taken as an empty message). */
    public static MessageSummary parse(byte[] message) {
        return parse(message, Limits.DEFAULT);
    }

    public static MessageSummary parse(byte[] message, Limits limits) {
        byte[] bytes = message == null ? new byte[0] : message;
        try {
            return parseStrictly(bytes, limits);
        } catch (RuntimeException e) {
            // a bug, not an input problem: every input is handled above; still never lose the message
            log.error("message summary failed; stored with a minimal summary", e);
            return fallback(bytes);
        }
    }

    /**
     * Like {@link #parse(byte[], Limits)} but lets an internal error surface instead of falling back
     * to a minimal summary: for tests and tools that must tell "handled" from "survived".
     */
    public static MessageSummary parseStrictly(byte[] message, Limits limits) {
        MessageSummaryParser parser = new MessageSummaryParser(message, limits);
        MimeHeader header = MimeHeader.scan(message, 0, message.length);
        ImapEnvelope envelope = envelope(header);
        BodyPart body = parser.entity(header, message.length, false, 0);
        OffsetDateTime sentDate = SentDateParser.parse(envelope.date());
        if (limits.searchTextLimit() == 0) {
            return new MessageSummary(envelope, body, sentDate, "", "");
        }
        String searchText = SearchTextBuilder.build(message, envelope, body, limits.searchTextLimit());
        String headerText = SearchTextBuilder.headerText(message, body, HEADER_TEXT_LIMIT);
        return new MessageSummary(envelope, body, sentDate, searchText, headerText);
    }

    static MessageSummary fallback(byte[] message) {
        int bodyOffset = HeaderSection.bodyOffset(message);
        BodyPart body = new BodyPart("text", "plain", US_ASCII, null, null, null, 0, bodyOffset, message.length,
                lines(message, bodyOffset, message.length), null, null, List.of(), null, List.of(), null, null);
        return new MessageSummary(ImapEnvelope.EMPTY, body, null, "", "");
    }

    // ---- envelope ----------------------------------------------------------------------------

    static ImapEnvelope envelope(MimeHeader header) {
        List<EnvelopeAddress> from = addresses(header, MimeHeader.FROM);
        List<EnvelopeAddress> sender = addresses(header, MimeHeader.SENDER);
        List<EnvelopeAddress> replyTo = addresses(header, MimeHeader.REPLY_TO);
        // RFC 9051 §7.5.2: absent (or empty) Sender and Reply-To default to From
        return new ImapEnvelope(header.nonEmptyValue(MimeHeader.DATE), header.value(MimeHeader.SUBJECT), from,
                sender.isEmpty() ? from : sender, replyTo.isEmpty() ? from : replyTo,
                addresses(header, MimeHeader.TO), addresses(header, MimeHeader.CC), addresses(header, MimeHeader.BCC),
                header.nonEmptyValue(MimeHeader.IN_REPLY_TO), header.nonEmptyValue(MimeHeader.MESSAGE_ID));
    }

    private static List<EnvelopeAddress> addresses(MimeHeader header, int field) {
        return AddressListParser.parse(header.value(field));
    }

    // ---- structure ---------------------------------------------------------------------------

    /**
     * The entity whose header was scanned into {@code header} and which ends at {@code end}.
     *
     * @param digestChild a child of multipart/digest, whose default type is message/rfc822
     */
    private BodyPart entity(MimeHeader header, int end, boolean digestChild, int depth) {
        entities++;
        int headerOffset = header.start;
        int bodyOffset = header.bodyOffset;
        String type;
        String subtype;
        List<BodyPart.Parameter> parameters;
        MimeFieldParser.ContentType contentType = header.has(MimeHeader.CONTENT_TYPE)
                ? MimeFieldParser.contentType(header.value(MimeHeader.CONTENT_TYPE)) : null;
        if (contentType != null) {
            type = contentType.type();
            subtype = contentType.subtype();
            parameters = contentType.parameters();
            if (type.equalsIgnoreCase("text") && parameter(parameters, "charset") == null) {
                parameters = withCharset(parameters); // RFC 2045 §5.2
            }
        } else if (digestChild) {
            type = "message"; // RFC 2046 §5.1.5
            subtype = "rfc822";
            parameters = List.of();
        } else {
            type = "text"; // RFC 2045 §5.2, also for a syntactically invalid Content-Type
            subtype = "plain";
            parameters = US_ASCII;
        }
        String encoding = header.nonEmptyValue(MimeHeader.CONTENT_TRANSFER_ENCODING);
        String id = header.nonEmptyValue(MimeHeader.CONTENT_ID);
        String description = header.nonEmptyValue(MimeHeader.CONTENT_DESCRIPTION);
        String md5 = header.nonEmptyValue(MimeHeader.CONTENT_MD5);
        String location = header.nonEmptyValue(MimeHeader.CONTENT_LOCATION);
        BodyPart.Disposition disposition = header.has(MimeHeader.CONTENT_DISPOSITION)
                ? MimeFieldParser.disposition(header.value(MimeHeader.CONTENT_DISPOSITION)) : null;
        List<String> language = header.has(MimeHeader.CONTENT_LANGUAGE)
                ? MimeFieldParser.languages(header.value(MimeHeader.CONTENT_LANGUAGE)) : List.of();

        List<BodyPart> parts = List.of();
        ImapEnvelope envelope = null;
        BodyPart message = null;
        int lines = 0;
        if (type.equalsIgnoreCase("multipart")) {
            if (depth >= limits.maxDepth()) {
                type = "application"; // beyond the nesting limit: an opaque leaf
                subtype = "octet-stream";
            } else {
                parts = multipartChildren(bodyOffset, end, parameter(parameters, "boundary"),
                        subtype.equalsIgnoreCase("digest"), depth);
            }
        } else if (type.equalsIgnoreCase("message") && isEncapsulating(subtype)) {
            lines = lines(m, bodyOffset, end);
            if (depth < limits.maxDepth() && isIdentity(encoding) && entities < limits.maxParts()) {
                MimeHeader inner = MimeHeader.scan(m, bodyOffset, end);
                envelope = envelope(inner);
                message = entity(inner, end, false, depth + 1);
            }
        } else if (type.equalsIgnoreCase("text")) {
            lines = lines(m, bodyOffset, end);
        }
        return new BodyPart(type, subtype, parameters, id, description, encoding, headerOffset, bodyOffset, end, lines,
                md5, disposition, language, location, parts, envelope, message);
    }

    private List<BodyPart> multipartChildren(int bodyOffset, int end, String boundary, boolean digest, int depth) {
        List<int[]> ranges = boundary == null || boundary.isEmpty() ? List.of()
                : MultipartSplitter.split(m, bodyOffset, end, boundary, limits.maxParts() - entities);
        List<BodyPart> children = new ArrayList<>(ranges.size());
        for (int[] range : ranges) {
            MimeHeader childHeader = MimeHeader.scan(m, range[0], range[1]);
            children.add(entity(childHeader, range[1], digest, depth + 1));
        }
        if (children.isEmpty()) {
            // no boundary, or no delimiter line: one text/plain child spanning the whole body, so that
            // BODYSTRUCTURE stays valid (a multipart has at least one part) and the text stays readable
            entities++;
            children.add(new BodyPart("text", "plain", US_ASCII, null, null, null, bodyOffset, bodyOffset, end,
                    lines(m, bodyOffset, end), null, null, List.of(), null, List.of(), null, null));
        }
        return children;
    }

    private static boolean isEncapsulating(String subtype) {
        return subtype.equalsIgnoreCase("rfc822") || subtype.equalsIgnoreCase("global");
    }

    /** message/rfc822 may only be 7bit, 8bit or binary (RFC 2046 §5.2.1); anything else stays opaque. */
    private static boolean isIdentity(String encoding) {
        return ContentTransferEncoding.of(encoding).map(e -> !e.transforms()).orElse(false);
    }

    private static String parameter(List<BodyPart.Parameter> parameters, String name) {
        for (BodyPart.Parameter parameter : parameters) {
            if (parameter.name().equalsIgnoreCase(name)) {
                return parameter.value();
            }
        }
        return null;
    }

    private static List<BodyPart.Parameter> withCharset(List<BodyPart.Parameter> parameters) {
        List<BodyPart.Parameter> with = new ArrayList<>(parameters.size() + 1);
        with.add(US_ASCII.get(0));
        with.addAll(parameters);
        return with;
    }

    /** RFC 9051 body-fld-lines: line breaks, plus one for a last line without one. */
    static int lines(byte[] m, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (m[i] == '\n') {
                lines++;
            }
        }
        if (to > from && m[to - 1] != '\n') {
            lines++;
        }
        return lines;
    }
}

package io.mailplatform.core.mime;

/**
 * The text a message is found by (IMAP SEARCH BODY/TEXT through PostgreSQL full-text search):
 * decoded subject and address display text of the message and of every encapsulated message, then
 * the decoded text of its text/* parts (transfer encoding undone, charset converted, tags of
 * text/html stripped; of a multipart/alternative with a text/plain part, its text/html siblings
 * are left out), in document order, capped at a number of UTF-8 octets. NUL characters,
 * which PostgreSQL text cannot hold, become spaces.
 */
final class SearchTextBuilder {
    /** Raw octets of one part looked at: enough for the cap even after base64 (4/3) and tags. */
    private static final int PART_SCAN_FACTOR = 4;

    private final byte[] m;
    private final int limit;
    private final StringBuilder out = new StringBuilder();
    private int octets;

    private SearchTextBuilder(byte[] message, int limit) {
        this.m = message;
        this.limit = limit;
    }

    static String build(byte[] message, ImapEnvelope envelope, BodyPart body, int limit) {
        SearchTextBuilder builder = new SearchTextBuilder(message, limit);
        builder.headers(envelope);
        builder.body(body);
        return builder.out.toString();
    }

    /**
     * The header text a message is found by (SEARCH TEXT covers "the header (including MIME header
     * fields)", RFC 9051 §6.4.4): every field of the message header, of each MIME part header and of
     * each encapsulated message, one {@code Name: value} line each, values unfolded and RFC 2047
     * encoded words decoded, in document order, capped like {@link #build}.
     */
    static String headerText(byte[] message, BodyPart body, int limit) {
        SearchTextBuilder builder = new SearchTextBuilder(message, limit);
        builder.fields(body);
        return builder.out.toString();
    }

    private void fields(BodyPart part) {
        if (full()) {
            return;
        }
        HeaderSection.scan(m, part.headerOffset(), part.bodyOffset(), (start, nameEnd, valueStart, end) -> {
            String name = new String(m, start, nameEnd - start, java.nio.charset.StandardCharsets.US_ASCII);
            append(name + ": " + HeaderText.decode(HeaderBytes.unfolded(m, valueStart, end)));
        });
        if (part.message() != null) {
            fields(part.message());
        }
        for (BodyPart child : part.parts()) {
            fields(child);
        }
    }

    private boolean full() {
        return octets >= limit;
    }

    private void headers(ImapEnvelope envelope) {
        append(HeaderText.decode(envelope.subject()));
        append(HeaderText.addresses(envelope.from()));
        append(HeaderText.addresses(envelope.to()));
        append(HeaderText.addresses(envelope.cc()));
        append(HeaderText.addresses(envelope.bcc()));
    }

    private void body(BodyPart part) {
        if (full()) {
            return;
        }
        if (part.isMultipart()) {
            boolean skipHtml = part.subtype().equalsIgnoreCase("alternative") && part.parts().stream().anyMatch(
                    child -> isText(child, "plain"));
            for (BodyPart child : part.parts()) {
                // RFC 2046 §5.1.4: alternatives carry the same content; indexing the HTML rendering of
                // a text/plain sibling again would double the full-text indexing cost for nothing
                if (!(skipHtml && isText(child, "html"))) {
                    body(child);
                }
            }
        } else if (part.message() != null) {
            headers(part.envelope());
            body(part.message());
        } else if (part.type().equalsIgnoreCase("text")) {
            text(part);
        }
    }

    private static boolean isText(BodyPart part, String subtype) {
        return part.type().equalsIgnoreCase("text") && part.subtype().equalsIgnoreCase(subtype);
    }

    private void text(BodyPart part) {
        int scanEnd = (int) Math.min(part.endOffset(), part.bodyOffset() + (long) (limit - octets) * PART_SCAN_FACTOR);
        String text = PartContent.text(m, part, scanEnd);
        if (part.subtype().equalsIgnoreCase("html")) {
            text = HtmlText.strip(text);
        }
        append(text);
    }

    private void append(String text) {
        if (text == null || text.isEmpty() || full()) {
            return;
        }
        if (out.length() > 0) {
            out.append('\n');
            octets++;
        }
        // fast path: count the UTF-8 octets; without NUL or surrogates and within the cap, append in one go
        long needed = 0;
        boolean special = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                needed++;
                special |= c == 0;
            } else if (c < 0x800) {
                needed += 2;
            } else {
                needed += 3;
                special |= Character.isSurrogate(c);
            }
        }
        if (!special && octets + needed <= limit) {
            out.append(text);
            octets += (int) needed;
            return;
        }
        for (int i = 0; i < text.length() && octets < limit; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    if (octets + 4 > limit) {
                        octets = limit;
                        break;
                    }
                    out.append(c).append(text.charAt(++i));
                    octets += 4;
                } else {
                    out.append(' '); // a lone surrogate cannot go to the database as UTF-8
                    octets++;
                }
                continue;
            }
            if (Character.isLowSurrogate(c)) {
                out.append(' ');
                octets++;
                continue;
            }
            int size = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (octets + size > limit) {
                octets = limit;
                break;
            }
            out.append(c == 0 ? ' ' : c);
            octets += size;
        }
    }
}

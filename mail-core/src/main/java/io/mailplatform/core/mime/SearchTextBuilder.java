package io.mailplatform.core.mime;

import java.nio.charset.Charset;

/**
 * The text a message is found by (IMAP SEARCH BODY/TEXT through PostgreSQL full-text search):
 * decoded subject and address display text of the message and of every encapsulated message, then
 * the decoded text of its text/* parts (transfer encoding undone, charset converted, tags of
 * text/html stripped), in document order, capped at a number of UTF-8 octets. NUL characters,
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
            for (BodyPart child : part.parts()) {
                body(child);
            }
        } else if (part.message() != null) {
            headers(part.envelope());
            body(part.message());
        } else if (part.type().equalsIgnoreCase("text")) {
            text(part);
        }
    }

    private void text(BodyPart part) {
        ContentTransferEncoding encoding = ContentTransferEncoding.of(part).orElse(ContentTransferEncoding.BINARY);
        int scanEnd = (int) Math.min(part.endOffset(), part.bodyOffset() + (long) (limit - octets) * PART_SCAN_FACTOR);
        byte[] decoded = encoding.decode(m, part.bodyOffset(), scanEnd);
        Charset charset = Charsets.lookup(part.parameter("charset"));
        String text = charset != null ? new String(decoded, charset) : HeaderBytes.text(decoded, 0, decoded.length);
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

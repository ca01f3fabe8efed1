package io.mailplatform.imap.fetch;

import io.mailplatform.core.mime.BodyPart;
import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.store.mailbox.MessageMeta;

/**
 * Where a section (RFC 9051 §6.4.5.1) lies in a stored message, from the summary's offsets. The
 * summary counts from the start of the shared content; a mailbox entry may carry a trace prefix
 * before it, which {@link #prefixLength} accounts for in this one place. The top-level header
 * includes that prefix (its lines are header fields of the delivered message).
 */
public final class SectionLocator {

    private SectionLocator() {
    }

    /** Where a section's octets come from. */
    public sealed interface Target {
    }

    /** {@code length} octets from {@code offset} of the delivered message. */
    public record Range(long offset, long length) implements Target {
    }

    /** The header in {@code range}, subset to (or without) the fields named (HEADER.FIELDS[.NOT]). */
    public record FilteredHeader(Range range, java.util.List<String> fields, boolean exclude) implements Target {
    }

    /** No such part: the response is NIL (RFC 9051 §4.5). */
    public record Missing() implements Target {
    }

    /** Octets before the shared content in this mailbox entry (the delivery trace prefix, 0 when none). */
    public static int prefixLength(MessageMeta meta) {
        return meta.prefixLength();
    }

    public static Target locate(Section section, MessageSummary summary, MessageMeta meta) {
        int prefix = prefixLength(meta);
        BodyPart root = summary.body();
        if (section.part().isEmpty()) {
            long headerEnd = prefix + (long) root.bodyOffset();
            switch (section.text()) {
                case HEADER:
                    return new Range(0, headerEnd);
                case TEXT:
                    return new Range(headerEnd, meta.size() - headerEnd);
                case HEADER_FIELDS:
                case HEADER_FIELDS_NOT:
                    return new FilteredHeader(new Range(0, headerEnd), section.fields(),
                            section.text() == Section.Text.HEADER_FIELDS_NOT);
                default:
                    return new Range(0, meta.size());
            }
        }
        BodyPart part = root.part(section.part().stream().mapToInt(Integer::intValue).toArray());
        if (part == null) {
            return new Missing();
        }
        switch (section.text()) {
            case NONE:
                return new Range(prefix + (long) part.bodyOffset(), part.bodySize());
            case MIME:
                return new Range(prefix + (long) part.headerOffset(), part.headerSize());
            default:
                break;
        }
        // HEADER, HEADER.FIELDS, TEXT after part numbers: only of an encapsulated message
        if (!part.isEncapsulatedMessage()) {
            return new Missing();
        }
        BodyPart message = part.message();
        Range header = new Range(prefix + (long) message.headerOffset(), message.headerSize());
        switch (section.text()) {
            case HEADER:
                return header;
            case TEXT:
                return new Range(prefix + (long) message.bodyOffset(), message.bodySize());
            default:
                return new FilteredHeader(header, section.fields(), section.text() == Section.Text.HEADER_FIELDS_NOT);
        }
    }

    /** The leaf part BINARY[part] decodes, or null (no such part, or not a leaf). */
    public static BodyPart binaryPart(java.util.List<Integer> numbers, MessageSummary summary) {
        BodyPart part = summary.body().part(numbers.stream().mapToInt(Integer::intValue).toArray());
        if (part == null || part.isMultipart() || part.isEncapsulatedMessage()) {
            return null;
        }
        return part;
    }

    /** The octets of a leaf part's body. */
    public static Range bodyOf(BodyPart part, MessageMeta meta) {
        return new Range(prefixLength(meta) + (long) part.bodyOffset(), part.bodySize());
    }
}

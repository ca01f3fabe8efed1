package io.mailplatform.imap.fetch;

/**
 * A partial fetch {@code <offset.count>} (RFC 9051 §6.4.5): octets from {@code offset}, at most
 * {@code count} of them.
 */
public record Partial(long offset, long count) {

    /** The sub-range of a text of {@code length} octets: start (clamped to the length) and length. */
    public long start(long length) {
        return Math.min(offset, length);
    }

    public long length(long length) {
        return Math.max(0, Math.min(count, length - start(length)));
    }
}

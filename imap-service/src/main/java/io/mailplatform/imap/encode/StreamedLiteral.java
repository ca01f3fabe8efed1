package io.mailplatform.imap.encode;

import io.mailplatform.imap.response.FetchValue;

/**
 * A literal whose octets are read from the store a chunk at a time, each when the client has taken
 * the previous ones: {@code {n}} (or {@code ~{n}}) and CRLF with the first chunk, then one chunk per
 * piece.
 */
final class StreamedLiteral implements DeferredOutput {
    private final FetchValue.StreamedSection section;
    private long sent = -1;

    StreamedLiteral(FetchValue.StreamedSection section) {
        this.section = section;
    }

    /** @throws LiteralCutException when a chunk cannot be read whole or the client is gone */
    @Override
    public boolean writeNext(ImapWriter w) {
        if (sent < 0) {
            w.literalHeader(section.length(), section.literal8());
            sent = 0;
        }
        if (sent < section.length()) {
            if (!w.connected()) {
                throw new LiteralCutException("client gone during " + section.name());
            }
            int wanted = (int) Math.min(FetchEncoder.CHUNK, section.length() - sent);
            byte[] chunk = section.source().read(sent, wanted);
            if (chunk == null || chunk.length != wanted) {
                throw new LiteralCutException(section.name() + " cut after " + sent + " of " + section.length()
                        + " octets: the message is gone (expunged meanwhile)");
            }
            w.chunk(section.literal8() ? chunk : FetchEncoder.withoutNul(chunk));
            sent += wanted;
        }
        return sent < section.length();
    }
}

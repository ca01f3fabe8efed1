package io.mailplatform.imap.encode;

import io.mailplatform.imap.response.ImapResponse;

/** Writes one type of response, ending with CRLF. */
@FunctionalInterface
public interface ResponseEncoder<R extends ImapResponse> {
    void encode(R response, ImapWriter writer);
}

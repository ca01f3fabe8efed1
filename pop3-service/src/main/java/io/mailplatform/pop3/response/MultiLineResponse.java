package io.mailplatform.pop3.response;

import java.util.List;

/**
 * A multi-line response (RFC 1939 §3): the status line, the lines (byte-stuffed when written) and
 * the terminating {@code .} line. Used for CAPA, LIST, UIDL and the AUTH mechanism list.
 */
public record MultiLineResponse(StatusResponse status, List<String> lines) implements Pop3Response {
    public MultiLineResponse {
        lines = List.copyOf(lines);
    }
}

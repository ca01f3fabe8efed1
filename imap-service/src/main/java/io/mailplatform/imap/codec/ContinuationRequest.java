package io.mailplatform.imap.codec;

import java.nio.charset.StandardCharsets;

/**
 * A synchronizing literal within the limits was announced. The session sends a command
 * continuation request ({@code + Ready for literal data}) and the client then sends the octets;
 * or, if the command is already known to be wrong (an unknown command, RFC 9051 §7.6), the session
 * answers BAD and calls {@link ImapFrameDecoder#abandonCommand()}.
 *
 * @param size the announced octet count
 * @param firstLine the command's first line, to check its name before asking for more
 */
public record ContinuationRequest(long size, byte[] firstLine) implements InboundFrame {

    public String firstLineText() {
        return new String(firstLine, StandardCharsets.UTF_8);
    }
}

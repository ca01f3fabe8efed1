package io.mailplatform.smtp.policy;

import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpReply;
import java.util.Optional;

/**
 * The advertised maximum message size (RFC 1870): refused at MAIL when the SIZE= estimate exceeds
 * it (§6.1), and at the end of the message when the content did (§6.3), with {@code 552 5.3.4}.
 */
public final class MessageSizeLimit {
    private final long maxBytes;

    public MessageSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** At MAIL FROM: the client's estimate, -1 when it gave none. */
    public Optional<SmtpReply> checkDeclared(long declaredSize) {
        return declaredSize > maxBytes ? Optional.of(Replies.SIZE_EXCEEDED) : Optional.empty();
    }

    /** While receiving: whether {@code size} octets are already too many. */
    public boolean exceeded(long size) {
        return size > maxBytes;
    }
}

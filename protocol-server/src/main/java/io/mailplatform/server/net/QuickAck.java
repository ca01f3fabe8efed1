package io.mailplatform.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the kernel to acknowledge the next segments from the client at once ({@code TCP_QUICKACK},
 * Linux) instead of delaying the ACK in the hope of piggy-backing it on a reply.
 *
 * <p>Why: a client with Nagle's algorithm on (Python's imaplib, among others) writes a
 * synchronizing literal and its closing CRLF in two writes. The CRLF is held back until the
 * literal is acknowledged, and the server has nothing to say before the CRLF, so it delays its ACK
 * (40 ms or more): a stall on every APPEND. Once the continuation request has left, the server
 * asks for quick ACKs, the literal is acknowledged when it arrives, and the CRLF follows at once.
 * The kernel leaves quick-ACK mode by itself once the conversation is interactive again, so this is
 * asked again before every literal. Dovecot does the same after each output flush.
 */
public final class QuickAck {
    private static final Logger log = LoggerFactory.getLogger(QuickAck.class);

    private QuickAck() {
    }

    /** Asks for quick ACKs once {@code write} has left (set earlier, the write itself would end the mode). */
    public static void after(ChannelFuture write) {
        if (write != null) {
            write.addListener(done -> request(write.channel()));
        }
    }

    /** Asks for quick ACKs now; does nothing where the platform has no such option. */
    public static void request(Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        try {
            channel.config().setOption(Transport.of(channel).quickAck(), Boolean.TRUE);
        } catch (RuntimeException e) {
            // an optimisation only: a transport or kernel without it just keeps delaying ACKs
            log.debug("TCP_QUICKACK not set on {}: {}", channel, e.toString());
        }
    }
}

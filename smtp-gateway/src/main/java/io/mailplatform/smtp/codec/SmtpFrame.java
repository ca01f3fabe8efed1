package io.mailplatform.smtp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * What {@link SmtpFrameDecoder} hands to the session. Frames that hold bytes are reference counted
 * and released by the session after use.
 */
public interface SmtpFrame {

    /** One command line (or SASL response line) without its CRLF. */
    final class CommandLine extends DefaultByteBufHolder implements SmtpFrame {
        public CommandLine(ByteBuf line) {
            super(line);
        }
    }

    /** A command line over the absolute limit, discarded as it arrived (never buffered). */
    enum CommandTooLong implements SmtpFrame {
        INSTANCE
    }

    /** A piece of message content: DATA text already dot-unstuffed, or BDAT chunk octets as sent. */
    final class MessageContent extends DefaultByteBufHolder implements SmtpFrame {
        public MessageContent(ByteBuf content) {
            super(content);
        }
    }

    /**
     * The {@code <CRLF>.<CRLF>} that ends DATA (RFC 5321 §4.1.1.4).
     *
     * @param lineTooLong whether a text line exceeded 1000 octets (RFC 5321 §4.5.3.1.6)
     */
    record EndOfData(boolean lineTooLong) implements SmtpFrame {
    }

    /**
     * A text line of the message went over 1000 octets: the message will be refused at its end, so
     * the session stops keeping its content now (the rest is still read, to find the end).
     */
    enum TextLineTooLong implements SmtpFrame {
        INSTANCE
    }

    /** The last octet of a BDAT chunk has arrived (RFC 3030 §2). */
    enum EndOfChunk implements SmtpFrame {
        INSTANCE
    }
}

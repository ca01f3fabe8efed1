package io.mailplatform.delivery.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.server.net.CrlfLineDecoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyDecoderTest {

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new CrlfLineDecoder(64), new ReplyDecoder(4));
    }

    private static List<SmtpReply> replies(EmbeddedChannel channel) {
        List<SmtpReply> replies = new ArrayList<>();
        Object reply;
        while ((reply = channel.readInbound()) != null) {
            replies.add((SmtpReply) reply);
        }
        return replies;
    }

    @Test
    void repliesSplitAtAnyOffsetComeOutWhole() {
        byte[] wire = "220 mx ready\r\n250-mx\r\n250-PIPELINING\r\n250 SIZE 10\r\n550 5.1.1 no\n".getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= wire.length; split++) {
            EmbeddedChannel channel = channel();
            channel.writeInbound(Unpooled.wrappedBuffer(wire, 0, split));
            channel.writeInbound(Unpooled.wrappedBuffer(wire, split, wire.length - split));
            List<SmtpReply> replies = replies(channel);
            assertThat(replies).extracting(SmtpReply::code).as("split at %d", split).containsExactly(220, 250, 550);
            assertThat(replies.get(1).lines()).containsExactly("mx", "PIPELINING", "SIZE 10");
            assertThat(channel.finish()).isFalse();
        }
    }

    @Test
    void aLineLongerThanTheLimitIsAProtocolError() {
        EmbeddedChannel channel = channel();
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.copiedBuffer("250 " + "x".repeat(100) + "\r\n",
                StandardCharsets.US_ASCII))).isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(ReplySyntaxException.class).hasMessageContaining("longer than 64");
    }

    @Test
    void afterAnErrorNothingMoreIsBelieved() {
        EmbeddedChannel channel = channel();
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.copiedBuffer("garbage\r\n250 ok\r\n",
                StandardCharsets.US_ASCII))).hasCauseInstanceOf(ReplySyntaxException.class);
        assertThat(replies(channel)).isEmpty();
    }

    @Test
    void utf8TextIsDecoded() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.copiedBuffer("550 5.1.1 n\u00e3o existe\r\n", StandardCharsets.UTF_8));
        assertThat(replies(channel).get(0).lines()).containsExactly("5.1.1 n\u00e3o existe");
    }
}

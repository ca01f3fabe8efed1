package io.mailplatform.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bad PROXY header closes the connection, and nothing after it can start a session (found by ProxyHeaderFuzzTest). */
class ProxyProtocolHandlerTest {

    private static final class Session extends ChannelInboundHandlerAdapter {
        int activations;
        int reads;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            activations++;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            reads++;
            ReferenceCountUtil.release(msg);
        }
    }

    private static EmbeddedChannel fromBalancer(Session session) {
        return new EmbeddedChannel(new ProxyProtocolHandler(TrustedNetworks.of(List.of("127.0.0.0/8")), Duration.ofSeconds(1)),
                session) {
            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress("127.0.0.1", 40000);
            }
        };
    }

    @Test
    void aValidHeaderAfterABadLineIsNotDecodedWhenTheConnectionCloses() {
        Session session = new Session();
        EmbeddedChannel channel = fromBalancer(session);
        // the empty first line is a bad header; the rest stays in the decoder's buffer until the close
        channel.writeInbound(Unpooled.copiedBuffer("\r\nPROXY TCP4 203.0.113.7 192.0.2.1 5555 25\r\nEHLO client.example\r\n",
                StandardCharsets.US_ASCII));
        channel.checkException();
        assertThat(channel.isOpen()).isFalse();
        assertThat(session.activations).isZero();
        assertThat(session.reads).isZero();
        assertThat(channel.attr(ClientAddress.PROXIED).get()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void aGoodHeaderStartsTheSessionWithTheOctetsAfterIt() {
        Session session = new Session();
        EmbeddedChannel channel = fromBalancer(session);
        channel.writeInbound(Unpooled.copiedBuffer("PROXY TCP4 203.0.113.7 192.0.2.1 5555 25\r\nEHLO client.example\r\n",
                StandardCharsets.US_ASCII));
        channel.checkException();
        assertThat(channel.isOpen()).isTrue();
        assertThat(session.activations).isEqualTo(1);
        assertThat(session.reads).isEqualTo(1);
        assertThat(channel.attr(ClientAddress.PROXIED).get()).isEqualTo(new InetSocketAddress("203.0.113.7", 5555));
        channel.finishAndReleaseAll();
    }
}

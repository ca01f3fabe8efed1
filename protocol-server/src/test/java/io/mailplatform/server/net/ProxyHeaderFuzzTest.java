package io.mailplatform.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.fuzz.Fuzz;
import io.mailplatform.testsupport.fuzz.FuzzInput;
import io.mailplatform.testsupport.fuzz.HostileInputs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzing of the PROXY protocol handling on a trusted listener: mutated v1 and v2 headers, each
 * followed by the client's first command. Whatever arrives, no exception leaves the pipeline and
 * either the connection is closed (a malformed header, as the specification demands) or the
 * session starts once, with a proxied address that is an IP address (or none, for LOCAL and
 * UNKNOWN) and exactly the octets after the header. Tries: {@code -Dfuzz.tries} (README "Development").
 */
class ProxyHeaderFuzzTest {
    private static final InetSocketAddress BALANCER = new InetSocketAddress("127.0.0.1", 40000);
    private static final byte[] PAYLOAD = "EHLO client.example\r\n".getBytes(StandardCharsets.US_ASCII);

    /** An embedded channel whose peer is the trusted balancer (the handler reads the peer's IP address). */
    private static final class BalancerChannel extends EmbeddedChannel {
        BalancerChannel(io.netty.channel.ChannelHandler... handlers) {
            super(handlers);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return BALANCER;
        }
    }

    /** What the session behind the handler sees. */
    private static final class Session extends ChannelInboundHandlerAdapter {
        int activations;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            activations++;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                received.writeBytes(ByteBufUtil.getBytes(buf));
            } finally {
                buf.release();
            }
        }
    }

    private static List<byte[]> headers() {
        List<byte[]> headers = new ArrayList<>();
        for (String v1 : new String[] {"PROXY TCP4 203.0.113.7 192.0.2.1 5555 25\r\n",
            "PROXY TCP6 2001:db8::7 2001:db8::1 65535 587\r\n", "PROXY UNKNOWN\r\n",
            "PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n"}) {
            headers.add(concat(v1.getBytes(StandardCharsets.US_ASCII), PAYLOAD));
        }
        headers.add(concat(v2(HAProxyCommand.PROXY, HAProxyProxiedProtocol.TCP4, "203.0.113.7", "192.0.2.1"), PAYLOAD));
        headers.add(concat(v2(HAProxyCommand.PROXY, HAProxyProxiedProtocol.TCP6, "2001:db8::7", "2001:db8::1"), PAYLOAD));
        headers.add(concat(v2(HAProxyCommand.LOCAL, HAProxyProxiedProtocol.UNKNOWN, null, null), PAYLOAD));
        headers.add(concat(v2(HAProxyCommand.PROXY, HAProxyProxiedProtocol.UDP4, "203.0.113.7", "192.0.2.1"), PAYLOAD));
        return headers;
    }

    private static byte[] v2(HAProxyCommand command, HAProxyProxiedProtocol protocol, String source, String destination) {
        EmbeddedChannel channel = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
        channel.writeOutbound(new HAProxyMessage(HAProxyProtocolVersion.V2, command, protocol, source, destination,
                source == null ? 0 : 40000, destination == null ? 0 : 25));
        ByteBuf encoded = channel.readOutbound();
        byte[] bytes = ByteBufUtil.getBytes(encoded);
        encoded.release();
        channel.finishAndReleaseAll();
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Provide
    Arbitrary<FuzzInput> connections() {
        return HostileInputs.ofBytes(headers())
                .tokens("PROXY ", "TCP4 ", "TCP6 ", "UNKNOWN", " ", "\r\n", ":", ".", "255.255.255.255", "::ffff:",
                        "65536", "\r\n\r\n\u0000\r\nQUIT\n")
                .maxLength(4096)
                .arbitrary();
    }

    @Property
    void aMutatedHeaderClosesTheConnectionOrStartsTheSessionOnce(@ForAll("connections") FuzzInput input,
            @ForAll @IntRange(min = 0, max = 4096) int split) {
        Fuzz.bounded(() -> {
            connect(input.bytes(), split % (input.length() + 1));
            return null;
        });
    }

    private static void connect(byte[] bytes, int split) {
        Session session = new Session();
        EmbeddedChannel channel = new BalancerChannel(
                new ProxyProtocolHandler(TrustedNetworks.of(List.of("127.0.0.0/8")), Duration.ofSeconds(1)), session);
        try {
            channel.writeInbound(Unpooled.copiedBuffer(bytes, 0, split));
            if (channel.isOpen()) {
                channel.writeInbound(Unpooled.copiedBuffer(bytes, split, bytes.length - split));
            }
            channel.checkException();
            assertThat(session.activations).isLessThanOrEqualTo(1);
            if (session.activations == 0) {
                // no session without a header: an incomplete one waits for the timeout, a bad one closes at once
                assertThat(session.received.size()).isZero();
                return;
            }
            InetSocketAddress proxied = channel.attr(ClientAddress.PROXIED).get();
            if (proxied != null) {
                assertThat(proxied.isUnresolved()).isFalse();
            }
            byte[] received = session.received.toByteArray();
            // the session gets exactly what followed the header, never a part of the header
            assertThat(received.length).isLessThan(bytes.length);
            assertThat(Arrays.copyOfRange(bytes, bytes.length - received.length, bytes.length)).isEqualTo(received);
            assertThat(channel.pipeline().get(ProxyProtocolHandler.class)).isNull();
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}

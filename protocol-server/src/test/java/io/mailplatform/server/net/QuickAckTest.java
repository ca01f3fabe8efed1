package io.mailplatform.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TCP_QUICKACK on a real accepted channel of each transport: what the kernel reports after {@link QuickAck#after}. */
class QuickAckTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void quickAcksAreAskedForOnceTheWriteHasLeft(Transport transport) throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "TCP_QUICKACK is a Linux option");
        assumeTrue(transport == Transport.NIO || Transport.available() == transport, "no native transport here");
        ChannelOption<Boolean> quickAck = transport.quickAck();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        CompletableFuture<SocketChannel> accepted = new CompletableFuture<>();
        try {
            Channel server = new ServerBootstrap().group(group).channel(transport.serverChannel())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            accepted.complete(channel);
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            try (Socket client = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort())) {
                SocketChannel channel = accepted.get(5, TimeUnit.SECONDS);
                assertThat(Transport.of(channel)).isEqualTo(transport);
                // delayed ACKs, as after a few request/response exchanges ("ping-pong" mode)
                channel.config().setOption(quickAck, false);
                assertThat(channel.config().getOption(quickAck)).isFalse();

                ChannelFuture write = channel.writeAndFlush(Unpooled.wrappedBuffer("+ Ready\r\n".getBytes()));
                QuickAck.after(write);
                write.sync();
                // the listener runs on the event loop; a task queued behind it sees its effect
                boolean quick = channel.eventLoop().submit(() -> channel.config().getOption(quickAck)).get(5, TimeUnit.SECONDS);
                assertThat(quick).as("the kernel acknowledges the client's next segment at once").isTrue();

                InputStream in = client.getInputStream();
                assertThat(new String(in.readNBytes(9))).isEqualTo("+ Ready\r\n");
            } finally {
                server.close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void linuxOnX86OrArmGetsTheNativeTransport() {
        String arch = System.getProperty("os.arch");
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux")
                && (arch.equals("amd64") || arch.equals("aarch64")), "the native transport ships for Linux x86-64 and ARM64");
        assertThat(Transport.available()).isEqualTo(Transport.EPOLL);
    }
}

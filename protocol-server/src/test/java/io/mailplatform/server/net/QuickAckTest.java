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
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TCP_QUICKACK on a real accepted channel: what the kernel reports after {@link QuickAck#after}. */
class QuickAckTest {
    private static final ChannelOption<Boolean> QUICKACK = NioChannelOption.of(ExtendedSocketOptions.TCP_QUICKACK);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void quickAcksAreAskedForOnceTheWriteHasLeft() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "TCP_QUICKACK is a Linux option");
        CompletableFuture<SocketChannel> accepted = new CompletableFuture<>();
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accepted.complete(channel);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        try (Socket client = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort())) {
            SocketChannel channel = accepted.get(5, TimeUnit.SECONDS);
            // delayed ACKs, as after a few request/response exchanges ("ping-pong" mode)
            channel.config().setOption(QUICKACK, false);
            assertThat(channel.config().getOption(QUICKACK)).isFalse();

            ChannelFuture write = channel.writeAndFlush(Unpooled.wrappedBuffer("+ Ready\r\n".getBytes()));
            QuickAck.after(write);
            write.sync();
            // the listener runs on the event loop; a task queued behind it sees its effect
            boolean quick = channel.eventLoop().submit(() -> channel.config().getOption(QUICKACK)).get(5, TimeUnit.SECONDS);
            assertThat(quick).as("the kernel acknowledges the client's next segment at once").isTrue();

            InputStream in = client.getInputStream();
            assertThat(new String(in.readNBytes(9))).isEqualTo("+ Ready\r\n");
        } finally {
            server.close().sync();
        }
    }
}

package io.mailplatform.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.function.Supplier;
import jdk.net.ExtendedSocketOptions;

/**
 * The socket transport of the protocol servers: Linux's epoll through Netty's native transport where
 * it loads, the JDK's NIO selector elsewhere (another OS or CPU, a C library the native code does not
 * link against).
 *
 * <p>Why: each POP3 RETR and each IMAP command is one read and one write on an event loop; the native
 * transport does them with fewer system calls and less copying than NIO's selector (no selected-key
 * set, no copy of a heap buffer into a direct one), which showed in the profiles of the single-client
 * POP3 benchmark, where the server's time per request is what the client waits for.
 */
public enum Transport {
    EPOLL(EpollIoHandler::newFactory, EpollServerSocketChannel.class, EpollChannelOption.TCP_QUICKACK),
    NIO(NioIoHandler::newFactory, NioServerSocketChannel.class, NioChannelOption.of(ExtendedSocketOptions.TCP_QUICKACK));

    private final Supplier<IoHandlerFactory> ioHandlerFactory;
    private final Class<? extends ServerSocketChannel> serverChannel;
    private final ChannelOption<Boolean> quickAck;

    Transport(Supplier<IoHandlerFactory> ioHandlerFactory, Class<? extends ServerSocketChannel> serverChannel,
            ChannelOption<Boolean> quickAck) {
        this.ioHandlerFactory = ioHandlerFactory;
        this.serverChannel = serverChannel;
        this.quickAck = quickAck;
    }

    /** The best transport this process can use. */
    public static Transport available() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** The transport a channel (accepted or listening) runs on. */
    public static Transport of(Channel channel) {
        return channel instanceof EpollSocketChannel || channel instanceof EpollServerSocketChannel ? EPOLL : NIO;
    }

    public IoHandlerFactory ioHandlerFactory() {
        return ioHandlerFactory.get();
    }

    public Class<? extends ServerSocketChannel> serverChannel() {
        return serverChannel;
    }

    /** TCP_QUICKACK on this transport's channels ({@link QuickAck}). */
    ChannelOption<Boolean> quickAck() {
        return quickAck;
    }
}

package io.mailplatform.server.net;

import io.mailplatform.server.metrics.ProtocolMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty side of a protocol service: event loops, a worker pool for blocking session work, its
 * listeners and the set of open client channels, so that shutdown can stop accepting first and
 * then say goodbye to every session. Each accepted channel gets, in order: its log context
 * ({@link SessionLogContext}), the PROXY protocol handler (listeners behind a load balancer only),
 * the write deadline, TLS (implicit-TLS listeners only), the connection limiter, then whatever the
 * service's session setup adds; it is counted in the service's {@link ProtocolMetrics}.
 */
public final class ProtocolServer {
    private static final Logger log = LoggerFactory.getLogger(ProtocolServer.class);

    private final String name;
    private final SslContext sslContext;
    private final ConnectionLimiter limiter;
    private final Duration writeTimeout;
    private final ProxyProtocolSettings proxy;
    private final ProtocolMetrics metrics;
    private final TrustedNetworks trustedProxies;
    private final Transport transport = Transport.available();
    private final EventLoopGroup acceptors;
    private final EventLoopGroup io;
    private final ExecutorService workers;
    private final ChannelGroup listeners = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Map<String, Integer> boundPorts = new ConcurrentHashMap<>();

    /**
     * @param writeTimeout how long pending output may go without a write completing before the
     *        connection is closed ({@link WriteDeadlineHandler})
     */
    public ProtocolServer(String name, SslContext sslContext, ConnectionLimiter limiter, int workerThreads,
            Duration writeTimeout) {
        this(name, sslContext, limiter, workerThreads, writeTimeout, ProxyProtocolSettings.none(),
                new ProtocolMetrics(new SimpleMeterRegistry(), name));
    }

    /**
     * @param proxy the listeners that take a PROXY protocol header from trusted load balancers
     * @param metrics where sessions are counted
     */
    public ProtocolServer(String name, SslContext sslContext, ConnectionLimiter limiter, int workerThreads,
            Duration writeTimeout, ProxyProtocolSettings proxy, ProtocolMetrics metrics) {
        this.name = name;
        this.proxy = proxy;
        this.metrics = metrics;
        this.trustedProxies = TrustedNetworks.of(proxy.trustedNetworks());
        this.sslContext = sslContext;
        this.limiter = limiter;
        this.writeTimeout = writeTimeout;
        this.acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name + "-accept"),
                transport.ioHandlerFactory());
        this.io = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory(name + "-io"), transport.ioHandlerFactory());
        this.workers = Executors.newFixedThreadPool(workerThreads, new DefaultThreadFactory(name + "-work", true));
    }

    /** Binds every enabled listener; {@code sessionSetup} completes each accepted channel's pipeline. */
    public void start(List<ListenerSpec> specs, SessionSetup sessionSetup) {
        for (ListenerSpec spec : specs) {
            if (spec.enabled()) {
                bind(spec, channel -> sessionSetup.setUp(channel, spec));
            }
        }
    }

    /** Completes the pipeline of one accepted channel. */
    @FunctionalInterface
    public interface SessionSetup {
        void setUp(SocketChannel channel, ListenerSpec listener);
    }

    private void bind(ListenerSpec spec, Consumer<SocketChannel> setup) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, io)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        clients.add(channel);
                        // first of all, so that every event of the connection is logged with its session id
                        SessionLogContext.start(channel, name);
                        channel.pipeline().addLast("log-context", SessionLogContext.INSTANCE);
                        metrics.sessionOpened();
                        channel.closeFuture().addListener(closed -> metrics.sessionClosed());
                        if (proxy.appliesTo(spec.name())) {
                            // ahead of TLS, the limiter and the session: they start once the real client is known
                            channel.pipeline().addLast("proxy", new ProxyProtocolHandler(trustedProxies, proxy.headerTimeout()));
                        }
                        // at the head of the pipeline, so that it sees every write of the session
                        channel.pipeline().addLast("write-deadline", new WriteDeadlineHandler(writeTimeout));
                        if (spec.implicitTls()) {
                            channel.pipeline().addLast("tls", sslContext.newHandler(channel.alloc()));
                        }
                        channel.pipeline().addLast("limits", limiter);
                        setup.accept(channel);
                    }
                });
        Channel channel = bootstrap.bind(new InetSocketAddress(spec.host(), spec.port())).syncUninterruptibly().channel();
        listeners.add(channel);
        int port = ((InetSocketAddress) channel.localAddress()).getPort();
        boundPorts.put(spec.name(), port);
        log.info("{} listener '{}' on {}:{} ({}{})", name, spec.name(), spec.host(), port,
                transport.name().toLowerCase(Locale.ROOT), spec.implicitTls() ? ", TLS" : "");
    }

    /** The pool sessions offload blocking work to. */
    public Executor workers() {
        return workers;
    }

    /** The meters of this service's sessions, for the sessions to count commands and replies. */
    public ProtocolMetrics metrics() {
        return metrics;
    }

    public SslContext sslContext() {
        return sslContext;
    }

    /** The port a listener is bound to, or -1 if there is no such listener. */
    public int port(String listenerName) {
        return boundPorts.getOrDefault(listenerName, -1);
    }

    public Map<String, Integer> ports() {
        return Map.copyOf(boundPorts);
    }

    /**
     * Stops accepting, sends {@code goodbye} (if any) to every open session, waits up to
     * {@code grace} for sessions to end, then closes everything.
     */
    public void shutdown(byte[] goodbye, Duration grace) {
        listeners.close().awaitUninterruptibly();
        if (goodbye != null) {
            clients.writeAndFlush(Unpooled.wrappedBuffer(goodbye)).awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (!clients.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        clients.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        workers.shutdownNow();
        acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}

package io.mailplatform.delivery.relay.smtp;

import io.mailplatform.delivery.config.RelayClientProperties;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's SMTP client (RFC 5321): opens sessions to other mail servers on Netty and hands back
 * {@link SmtpConnection}s that send {@link OutboundTransaction}s. At most
 * {@code mail.relay.client.max-connections} connections are open at once; each holds at most one
 * chunk of message text. Thread-safe; one instance per service.
 */
public final class SmtpClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpClient.class);
    /**
     * Should be a domain or an address literal (RFC 5321 §4.1.1.1); anything printable is let through
     * (a host name of the machine may not be a valid domain), nothing that could end the command line.
     */
    private static final Pattern HELO_NAME = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final RelayClientProperties properties;
    private final String heloName;
    private final ClientTlsContexts tlsContexts;
    private final EventLoopGroup group;
    private final ExecutorService contentThreads;
    private final Semaphore connections;

    /**
     * @param heloName our name in EHLO/HELO
     * @param trust the authorities that verify certificates where TLS is required; null for the JDK's
     */
    public SmtpClient(RelayClientProperties properties, String heloName, TrustManagerFactory trust) {
        if (!HELO_NAME.matcher(heloName).matches()) {
            throw new IllegalArgumentException("not a host name for EHLO: " + heloName);
        }
        this.properties = properties;
        this.heloName = heloName;
        this.tlsContexts = ClientTlsContexts.create(trust);
        this.group = new MultiThreadIoEventLoopGroup(properties.ioThreads(), new DefaultThreadFactory("relay-smtp", true),
                NioIoHandler.newFactory());
        this.contentThreads = Executors.newFixedThreadPool(properties.contentThreads(),
                new DefaultThreadFactory("relay-content", true));
        this.connections = new Semaphore(properties.maxConnections());
    }

    /**
     * Connects to a server and opens a session: greeting, EHLO (or HELO), STARTTLS as {@code policy}
     * says, AUTH if credentials are given. Never fails: a connection that cannot be had is a
     * {@link ConnectResult.Failed} with the reason. With {@link TlsPolicy#OPPORTUNISTIC}, a failed
     * TLS handshake is followed by one plaintext attempt if {@code mail.relay.client.tls.plaintext-fallback}.
     *
     * @param credentials for AUTH at a smart host, or null
     */
    public CompletableFuture<ConnectResult> connect(RemoteHost host, TlsPolicy policy, SmtpCredentials credentials) {
        return connect(host, policy, credentials, List.of());
    }

    /** As {@link #connect(RemoteHost, TlsPolicy, SmtpCredentials)}; {@code tlsa}: the records for {@link TlsPolicy#DANE} */
    public CompletableFuture<ConnectResult> connect(RemoteHost host, TlsPolicy policy, SmtpCredentials credentials,
            List<Tlsa> tlsa) {
        return attempt(host, policy, credentials, tlsa).thenCompose(result -> {
            if (policy == TlsPolicy.OPPORTUNISTIC && properties.tls().plaintextFallback()
                    && result instanceof ConnectResult.Failed failed && failed.failure().kind() == FailureKind.TLS_FAILED) {
                log.info("TLS with {} failed ({}); connecting again without TLS", host, failed.failure().detail());
                return attempt(host, TlsPolicy.NONE, credentials, List.of());
            }
            return CompletableFuture.completedFuture(result);
        });
    }

    /** Connections open now (or being opened). */
    public int openConnections() {
        return properties.maxConnections() - connections.availablePermits();
    }

    private CompletableFuture<ConnectResult> attempt(RemoteHost host, TlsPolicy policy, SmtpCredentials credentials,
            List<Tlsa> tlsa) {
        if (!connections.tryAcquire()) {
            return CompletableFuture.completedFuture(new ConnectResult.Failed(host, SmtpFailure.temporary(
                    FailureKind.CONNECTION_LIMIT, "4.4.5", properties.maxConnections() + " connections are open already")));
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                connections.release();
            }
        };
        AtomicReference<SmtpChannel> session = new AtomicReference<>();
        RelayClientProperties.Limits limits = properties.limits();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        properties.timeouts().connect().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        session.set(new SmtpChannel(channel, host, limits.maxReplyLineLength(), limits.maxReplyLines()));
                    }
                });
        CompletableFuture<ConnectResult> result = new CompletableFuture<>();
        ChannelFuture connecting;
        try {
            connecting = bootstrap.connect(host.address());
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        connecting.channel().closeFuture().addListener(closed -> release.run());
        connecting.addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) {
                release.run();
                result.complete(new ConnectResult.Failed(host, SmtpFailure.temporary(FailureKind.CONNECT_FAILED, "4.4.1",
                        "cannot connect to " + host + ": " + connected.cause().getMessage())));
                return;
            }
            SmtpChannel channel = session.get();
            ConnectionSetup setup = new ConnectionSetup(channel, properties, heloName, tlsContexts, policy, credentials,
                    tlsa);
            setup.run().whenComplete((extensions, thrown) -> {
                if (thrown == null) {
                    result.complete(new ConnectResult.Connected(new SmtpConnection(channel, extensions, setup.tls(),
                            properties.timeouts(), contentThreads)));
                } else {
                    SmtpFailure failure = SmtpFailureException.of(thrown);
                    channel.quit(properties.timeouts().quit()); // RFC 5321 §3.1: QUIT after a refusal
                    result.complete(new ConnectResult.Failed(host, failure));
                }
            });
        });
        return result;
    }

    /** Closes every connection and stops the client's threads. */
    @Override
    public void close() {
        contentThreads.shutdownNow();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

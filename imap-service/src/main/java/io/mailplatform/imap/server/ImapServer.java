package io.mailplatform.imap.server;

import io.mailplatform.server.net.ConnectionLimiter;
import io.mailplatform.server.net.ListenerSpec;
import io.mailplatform.server.net.ProtocolServer;
import io.mailplatform.imap.codec.ImapFrameDecoder;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.imap.encode.ResponseEncoders;
import io.mailplatform.imap.idle.MailboxEventHub;
import io.mailplatform.imap.parse.ImapCommandParser;
import io.mailplatform.imap.parse.ParserLimits;
import io.mailplatform.imap.process.Capabilities;
import io.mailplatform.imap.process.CommandDispatcher;
import io.mailplatform.imap.session.ImapSession;
import io.mailplatform.server.lifecycle.ProtocolServerLifecycle;
import io.mailplatform.server.tls.TlsBundles;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Binds the IMAP listeners (143 with STARTTLS, 993 implicit TLS). Each connection's pipeline:
 * write deadline, [TLS], connection limiter, reader-idle timer (the autologout of RFC 9051 §5.4),
 * the frame decoder, the session.
 */
@Component
public class ImapServer extends ProtocolServerLifecycle {
    private static final byte[] TOO_MANY = "* BYE [UNAVAILABLE] Too many connections, try again later\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final ImapProperties properties;
    private final TlsBundles tls;
    private final ImapSession.Services services;

    public ImapServer(ImapProperties properties, TlsBundles tls, CommandDispatcher dispatcher, Capabilities capabilities,
            MailboxEventHub hub) {
        super("imap", "* BYE [UNAVAILABLE] Server shutting down\r\n", Duration.ofSeconds(1));
        this.properties = properties;
        this.tls = tls;
        ImapProperties.Limits limits = properties.limits();
        this.services = new ImapSession.Services(
                new ImapCommandParser(new ParserLimits(limits.maxSearchKeys(), limits.maxNesting(),
                        limits.maxSequenceRanges())),
                dispatcher, capabilities, new ResponseEncoders(), hub, properties.hostname(), limits.loginTimeout(),
                properties.events().idlePollInterval(), limits.maxLiteralSizeUnauthenticated().toBytes());
    }

    @Override
    protected ProtocolServer startServer() {
        ImapProperties.Limits limits = properties.limits();
        ProtocolServer protocolServer = new ProtocolServer("imap",
                tls.serverContext(properties.tlsBundle(), properties.hostname()),
                new ConnectionLimiter(limits.maxConnections(), limits.maxConnectionsPerAddress(), TOO_MANY),
                properties.workerThreads(), limits.writeTimeout(), properties.proxy(), metrics());
        String host = properties.bindAddress();
        protocolServer.start(List.of(
                new ListenerSpec("imap", host, properties.port(), false),
                new ListenerSpec("imaps", host, properties.tlsPort(), true)),
                (channel, listener) -> {
                    // until the session has authenticated, larger literals wait for its decision
                    ImapFrameDecoder decoder = new ImapFrameDecoder((int) limits.maxLineLength().toBytes(),
                            limits.maxLiteralSize().toBytes(), limits.maxLiteralSizeUnauthenticated().toBytes());
                    channel.pipeline().addLast("idle", new IdleStateHandler(limits.idleTimeout().toSeconds(), 0, 0,
                            TimeUnit.SECONDS));
                    channel.pipeline().addLast("frames", decoder);
                    channel.pipeline().addLast("session", new ImapSession(services, protocolServer.sslContext(), decoder,
                            listener.implicitTls(), protocolServer.workers(), protocolServer.metrics()));
                });
        return protocolServer;
    }
}

package io.mailplatform.imap.server;

import io.mailplatform.core.net.ConnectionLimiter;
import io.mailplatform.core.net.CrlfLineDecoder;
import io.mailplatform.core.net.ListenerSpec;
import io.mailplatform.core.net.ProtocolServer;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.imap.session.ImapSession;
import io.mailplatform.store.directory.Authenticator;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.tls.TlsBundles;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.mailplatform.store.server.ProtocolServerLifecycle;
import org.springframework.stereotype.Component;

/** Binds the IMAP listeners (143 with STARTTLS, 993 implicit TLS). */
@Component
public class ImapServer extends ProtocolServerLifecycle {
    private static final byte[] TOO_MANY = "* BYE [UNAVAILABLE] Too many connections, try again later\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final ImapProperties properties;
    private final Authenticator authenticator;
    private final MailboxService mailboxes;
    private final TlsBundles tls;

    public ImapServer(ImapProperties properties, Authenticator authenticator, MailboxService mailboxes, TlsBundles tls) {
        super("* BYE [UNAVAILABLE] Server shutting down\r\n", Duration.ofSeconds(1));
        this.properties = properties;
        this.authenticator = authenticator;
        this.mailboxes = mailboxes;
        this.tls = tls;
    }

    @Override
    protected ProtocolServer startServer() {
        ProtocolServer protocolServer = new ProtocolServer("imap",
                tls.serverContext(properties.tlsBundle(), properties.hostname()),
                new ConnectionLimiter(properties.limits().maxConnections(), properties.limits().maxConnectionsPerAddress(),
                        TOO_MANY),
                properties.workerThreads());
        String host = properties.bindAddress();
        protocolServer.start(List.of(
                new ListenerSpec("imap", host, properties.port(), false),
                new ListenerSpec("imaps", host, properties.tlsPort(), true)),
                (channel, listener) -> {
                    channel.pipeline().addLast("idle", new IdleStateHandler(0, 0,
                            properties.limits().idleTimeout().toSeconds(), TimeUnit.SECONDS));
                    channel.pipeline().addLast("lines", new CrlfLineDecoder((int) properties.limits().maxLineLength().toBytes()));
                    channel.pipeline().addLast("session", new ImapSession(properties, protocolServer.sslContext(),
                            authenticator, mailboxes, protocolServer.workers()));
                });
        return protocolServer;
    }
}

package io.mailplatform.pop3.server;

import io.mailplatform.core.net.ConnectionLimiter;
import io.mailplatform.core.net.CrlfLineDecoder;
import io.mailplatform.core.net.ListenerSpec;
import io.mailplatform.core.net.ProtocolServer;
import io.mailplatform.pop3.config.Pop3Properties;
import io.mailplatform.pop3.session.Pop3Session;
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

/** Binds the POP3 listeners (110 with STLS, 995 implicit TLS). */
@Component
public class Pop3Server extends ProtocolServerLifecycle {
    private static final byte[] TOO_MANY = "-ERR [SYS/TEMP] Too many connections, try again later\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    /** RFC 2449 §4: a command line is at most 255 octets; SASL responses may be longer. */
    private static final int MAX_LINE = 1024;

    private final Pop3Properties properties;
    private final Authenticator authenticator;
    private final MailboxService mailboxes;
    private final TlsBundles tls;

    public Pop3Server(Pop3Properties properties, Authenticator authenticator, MailboxService mailboxes, TlsBundles tls) {
        super("-ERR [SYS/TEMP] Server shutting down\r\n", Duration.ofSeconds(1));
        this.properties = properties;
        this.authenticator = authenticator;
        this.mailboxes = mailboxes;
        this.tls = tls;
    }

    @Override
    protected ProtocolServer startServer() {
        ProtocolServer protocolServer = new ProtocolServer("pop3",
                tls.serverContext(properties.tlsBundle(), properties.hostname()),
                new ConnectionLimiter(properties.limits().maxConnections(), properties.limits().maxConnectionsPerAddress(),
                        TOO_MANY),
                properties.workerThreads());
        String host = properties.bindAddress();
        protocolServer.start(List.of(
                new ListenerSpec("pop3", host, properties.port(), false),
                new ListenerSpec("pop3s", host, properties.tlsPort(), true)),
                (channel, listener) -> {
                    channel.pipeline().addLast("idle", new IdleStateHandler(0, 0,
                            properties.limits().idleTimeout().toSeconds(), TimeUnit.SECONDS));
                    channel.pipeline().addLast("lines", new CrlfLineDecoder(MAX_LINE));
                    channel.pipeline().addLast("session", new Pop3Session(properties, protocolServer.sslContext(),
                            authenticator, mailboxes, protocolServer.workers()));
                });
        return protocolServer;
    }
}

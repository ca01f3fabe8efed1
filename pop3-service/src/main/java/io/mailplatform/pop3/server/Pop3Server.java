package io.mailplatform.pop3.server;

import io.mailplatform.server.net.ConnectionLimiter;
import io.mailplatform.server.net.CrlfLineDecoder;
import io.mailplatform.server.net.ListenerSpec;
import io.mailplatform.server.net.ProtocolServer;
import io.mailplatform.pop3.auth.ApopTimestamps;
import io.mailplatform.pop3.codec.Pop3ResponseEncoder;
import io.mailplatform.pop3.config.Pop3Properties;
import io.mailplatform.pop3.maildrop.MaildropService;
import io.mailplatform.pop3.process.Pop3Processors;
import io.mailplatform.pop3.session.Pop3Session;
import io.mailplatform.store.directory.ApopAuthenticator;
import io.mailplatform.store.directory.Authenticator;
import io.mailplatform.server.lifecycle.ProtocolServerLifecycle;
import io.mailplatform.server.tls.TlsBundles;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Binds the POP3 listeners (110 with STLS, 995 implicit TLS). Each connection gets: the idle timer,
 * the line decoder with its limit, the chunked writer that streams messages with backpressure, the
 * response encoder and its session.
 */
@Component
public class Pop3Server extends ProtocolServerLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Pop3Server.class);
    private static final byte[] TOO_MANY = "-ERR [SYS/TEMP] Too many connections, try again later\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final Pop3ResponseEncoder ENCODER = new Pop3ResponseEncoder();

    private final Pop3Properties properties;
    private final Authenticator authenticator;
    private final ApopAuthenticator apop;
    private final MaildropService maildrops;
    private final TlsBundles tls;
    private final ApopTimestamps timestamps;

    @Autowired
    public Pop3Server(Pop3Properties properties, Authenticator authenticator, ApopAuthenticator apop,
            MaildropService maildrops, TlsBundles tls) {
        this(properties, authenticator, apop, maildrops, tls, ApopTimestamps.unique(properties.hostname()));
    }

    public Pop3Server(Pop3Properties properties, Authenticator authenticator, ApopAuthenticator apop,
            MaildropService maildrops, TlsBundles tls, ApopTimestamps timestamps) {
        super("pop3", "-ERR [SYS/TEMP] Server shutting down\r\n", Duration.ofSeconds(1));
        this.properties = properties;
        this.authenticator = authenticator;
        this.apop = apop;
        this.maildrops = maildrops;
        this.tls = tls;
        this.timestamps = timestamps;
    }

    @Override
    protected ProtocolServer startServer() {
        Pop3Properties.Limits limits = properties.limits();
        if (limits.idleTimeout().compareTo(Duration.ofMinutes(10)) < 0) {
            log.warn("mail.pop3.limits.idle-timeout is {}; RFC 1939 §3 asks for at least 10 minutes", limits.idleTimeout());
        }
        ProtocolServer protocolServer = new ProtocolServer("pop3",
                tls.serverContext(properties.tlsBundle(), properties.hostname()),
                new ConnectionLimiter(limits.maxConnections(), limits.maxConnectionsPerAddress(), TOO_MANY),
                properties.workerThreads(), limits.writeTimeout(), properties.proxy(), metrics());
        Pop3Session.SessionSettings settings = new Pop3Session.SessionSettings(
                Pop3Processors.dispatcher(properties, authenticator, apop, maildrops), timestamps::next,
                properties.allowPlaintextAuth(), limits.maxLineLength(), protocolServer.metrics());
        String host = properties.bindAddress();
        protocolServer.start(List.of(
                new ListenerSpec("pop3", host, properties.port(), false),
                new ListenerSpec("pop3s", host, properties.tlsPort(), true)),
                (channel, listener) -> channel.pipeline()
                        .addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                        .addLast("lines", new CrlfLineDecoder(limits.maxLineLength()))
                        .addLast("chunked", new ChunkedWriteHandler())
                        .addLast("encoder", ENCODER)
                        .addLast("session", new Pop3Session(settings, protocolServer.sslContext(), protocolServer.workers())));
        return protocolServer;
    }
}

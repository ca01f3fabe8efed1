package io.mailplatform.smtp.server;

import io.mailplatform.core.net.ConnectionLimiter;
import io.mailplatform.core.net.ListenerSpec;
import io.mailplatform.core.net.ProtocolServer;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.smtp.intake.InboundPublisher;
import io.mailplatform.smtp.session.SmtpSession;
import io.mailplatform.smtp.session.SmtpSession.Listener;
import io.mailplatform.store.directory.Authenticator;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.tls.TlsBundles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import io.mailplatform.store.server.ProtocolServerLifecycle;
import org.springframework.stereotype.Component;

/** Binds the MX, submission and submissions listeners and stops them gracefully. */
@Component
public class SmtpServer extends ProtocolServerLifecycle {
    private static final byte[] TOO_MANY = "421 4.7.0 Too many connections, try again later\r\n".getBytes(StandardCharsets.US_ASCII);

    private final SmtpProperties properties;
    private final DirectoryService directory;
    private final Authenticator authenticator;
    private final InboundPublisher publisher;
    private final TlsBundles tls;

    public SmtpServer(SmtpProperties properties, DirectoryService directory, Authenticator authenticator,
            InboundPublisher publisher, TlsBundles tls) {
        super("421 4.3.2 Service shutting down\r\n", Duration.ofSeconds(1));
        this.properties = properties;
        this.directory = directory;
        this.authenticator = authenticator;
        this.publisher = publisher;
        this.tls = tls;
    }

    @Override
    protected ProtocolServer startServer() {
        ProtocolServer protocolServer = new ProtocolServer("smtp",
                tls.serverContext(properties.tlsBundle(), properties.hostname()),
                new ConnectionLimiter(properties.limits().maxConnections(), properties.limits().maxConnectionsPerAddress(),
                        TOO_MANY),
                properties.workerThreads());
        String host = properties.bindAddress();
        protocolServer.start(List.of(
                new ListenerSpec("smtp", host, properties.mxPort(), false),
                new ListenerSpec("submission", host, properties.submissionPort(), false),
                new ListenerSpec("submissions", host, properties.submissionsPort(), true)),
                (channel, listener) -> SmtpSession.install(channel.pipeline(), new SmtpSession(properties,
                        listener.name().equals("smtp") ? Listener.MX : Listener.SUBMISSION,
                        protocolServer.sslContext(), directory, authenticator, publisher, protocolServer.workers())));
        return protocolServer;
    }
}

package io.mailplatform.smtp.server;

import io.mailplatform.server.net.ConnectionLimiter;
import io.mailplatform.server.net.ListenerSpec;
import io.mailplatform.server.net.ProtocolServer;
import io.mailplatform.smtp.codec.ReplyEncoder;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.smtp.intake.InboundPublisher;
import io.mailplatform.smtp.intake.MessageMemoryBudget;
import io.mailplatform.smtp.policy.RecipientDirectory;
import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.session.CommandDispatcher;
import io.mailplatform.store.directory.Authenticator;
import io.mailplatform.server.lifecycle.ProtocolServerLifecycle;
import io.mailplatform.server.tls.TlsBundles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Binds the MX, submission and submissions listeners and stops them gracefully: first every
 * session is drained ({@code 421 4.3.2}, after the 250 of a message being acknowledged), then the
 * listeners close and any straggler gets the same 421 from {@link ProtocolServerLifecycle}.
 */
@Component
public class SmtpServer extends ProtocolServerLifecycle {
    private final SmtpProperties properties;
    private final RecipientDirectory directory;
    private final Authenticator authenticator;
    private final InboundPublisher publisher;
    private final TlsBundles tls;
    private final MessageMemoryBudget memoryBudget;
    private volatile SessionRegistry registry;

    public SmtpServer(SmtpProperties properties, RecipientDirectory directory, Authenticator authenticator,
            InboundPublisher publisher, TlsBundles tls) {
        super("smtp", new String(ReplyEncoder.toBytes(Replies.SHUTTING_DOWN), StandardCharsets.US_ASCII), Duration.ofSeconds(1));
        this.properties = properties;
        this.directory = directory;
        this.authenticator = authenticator;
        this.publisher = publisher;
        this.tls = tls;
        this.memoryBudget = new MessageMemoryBudget(properties.limits().memoryBudget().toBytes());
    }

    @Override
    protected ProtocolServer startServer() {
        SessionRegistry sessions = new SessionRegistry();
        ProtocolServer server = new ProtocolServer("smtp", tls.serverContext(properties.tlsBundle(), properties.hostname()),
                new ConnectionLimiter(properties.limits().maxConnections(), properties.limits().maxConnectionsPerAddress(),
                        ReplyEncoder.toBytes(Replies.TOO_MANY_CONNECTIONS)),
                properties.workerThreads(), properties.limits().writeTimeout(), properties.proxy(), metrics());
        CommandDispatcher dispatcher = new CommandDispatcher(properties, directory, authenticator, publisher, memoryBudget);
        List<ListenerSpec> listeners = new ArrayList<>();
        int[] ports = {properties.mxPort(), properties.submissionPort(), properties.submissionsPort()};
        for (SmtpListener listener : SmtpListener.values()) {
            listeners.add(new ListenerSpec(listener.listenerName(), properties.bindAddress(), ports[listener.ordinal()],
                    listener.implicitTls()));
        }
        server.start(listeners, new SmtpChannelInitializer(properties, dispatcher, sessions, server));
        registry = sessions;
        return server;
    }

    /** Spring stops SmartLifecycle beans through this: drain the sessions, then close everything. */
    @Override
    public void stop(Runnable callback) {
        SessionRegistry sessions = registry;
        if (sessions != null) {
            sessions.drain(properties.limits().publishTimeout().toMillis() + 1000);
        }
        stop();
        callback.run();
    }

    /** The message text all sessions of every listener hold together, and its limit (for tests and metrics). */
    public MessageMemoryBudget memoryBudget() {
        return memoryBudget;
    }

    /** Open sessions (for tests and metrics). */
    public int openSessions() {
        SessionRegistry sessions = registry;
        return sessions == null ? 0 : sessions.size();
    }
}

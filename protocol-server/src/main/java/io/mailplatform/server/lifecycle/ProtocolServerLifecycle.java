package io.mailplatform.server.lifecycle;

import io.mailplatform.server.metrics.ProtocolMetrics;
import io.mailplatform.server.net.ProtocolServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;

/**
 * Starts a protocol service's {@link ProtocolServer} with the application context and stops it
 * gracefully: listeners close first, open sessions get the protocol's goodbye line, then the
 * connections close. Shared by the SMTP, POP3 and IMAP services.
 */
public abstract class ProtocolServerLifecycle implements SmartLifecycle {
    private final String protocol;
    private final byte[] goodbye;
    private final Duration grace;
    private volatile ProtocolServer server;
    private MeterRegistry meterRegistry;
    private ProtocolMetrics metrics;

    /**
     * @param protocol the protocol's name in meters and logs (smtp, imap, pop3)
     */
    protected ProtocolServerLifecycle(String protocol, String goodbye, Duration grace) {
        this.protocol = protocol;
        this.goodbye = goodbye.getBytes(StandardCharsets.US_ASCII);
        this.grace = grace;
    }

    /** The application's registry; servers built by hand (tests) count into one of their own. */
    @Autowired(required = false)
    public void setMeterRegistry(MeterRegistry meterRegistry) {
        this.meterRegistry = meterRegistry;
    }

    /** The meters of this service, one set for the life of the bean (a restarted server counts on). */
    protected final synchronized ProtocolMetrics metrics() {
        if (metrics == null) {
            metrics = new ProtocolMetrics(meterRegistry != null ? meterRegistry : new SimpleMeterRegistry(), protocol);
        }
        return metrics;
    }

    /** Creates the server and binds its listeners. */
    protected abstract ProtocolServer startServer();

    @Override
    public final void start() {
        server = startServer();
    }

    @Override
    public final void stop() {
        ProtocolServer current = server;
        if (current != null) {
            current.shutdown(goodbye, grace);
            server = null;
        }
    }

    @Override
    public final boolean isRunning() {
        return server != null;
    }

    /** The bound port of a listener, or -1 when it is not bound. */
    public final int port(String listener) {
        ProtocolServer current = server;
        return current == null ? -1 : current.port(listener);
    }

    public final Map<String, Integer> ports() {
        ProtocolServer current = server;
        return current == null ? Map.of() : current.ports();
    }
}

package io.mailplatform.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.server.net.ConnectionLimiter;
import io.mailplatform.server.net.ListenerSpec;
import io.mailplatform.server.net.ProtocolServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class ListenersHealthIndicatorTest {

    /** A protocol server with one plain listener on a random loopback port that accepts and says nothing. */
    static final class OneListener extends ProtocolServerLifecycle {
        OneListener() {
            super("test", "bye\r\n", Duration.ZERO);
        }

        @Override
        protected ProtocolServer startServer() {
            ProtocolServer server = new ProtocolServer("test", null,
                    new ConnectionLimiter(10, 10, "busy\r\n".getBytes(StandardCharsets.US_ASCII)), 1, Duration.ofSeconds(5));
            server.start(List.of(new ListenerSpec("plain", "127.0.0.1", 0, false)), (channel, listener) -> { });
            return server;
        }
    }

    @Test
    void upWithThePortsOnlyWhileTheListenersAreBound() throws IOException {
        OneListener server = new OneListener();
        ListenersHealthIndicator indicator = new ListenersHealthIndicator(
                new StaticListableBeanFactory(Map.of("testServer", server)).getBeanProvider(ProtocolServerLifecycle.class));
        assertThat(indicator.health().getStatus()).as("before start").isEqualTo(Status.DOWN);

        server.start();
        Health bound = indicator.health();
        int port = server.port("plain");
        assertThat(bound.getStatus()).isEqualTo(Status.UP);
        assertThat(bound.getDetails()).containsEntry("ports", Map.of("plain", port));
        new Socket("127.0.0.1", port).close();

        server.stop();
        assertThat(indicator.health().getStatus()).as("after stop").isEqualTo(Status.DOWN);
    }

    @Test
    void downWithoutAnyProtocolServer() {
        ListenersHealthIndicator indicator = new ListenersHealthIndicator(
                new StaticListableBeanFactory().getBeanProvider(ProtocolServerLifecycle.class));

        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    }
}

package io.mailplatform.testsupport;

import io.mailplatform.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.util.FileSystemUtils;

/**
 * A Kafka broker of a test's own that the test may stop and start again on the same data and the
 * same port, as an outage or a restart of the real broker would look to the platform. The JVM's
 * shared broker ({@link TestKafka}) never stops, so other tests are not disturbed. Removed with its
 * data when the JVM exits.
 */
public final class RestartableKafka {
    private final Path logDirectory;
    private final int port;
    private final int controllerPort;
    private volatile EmbeddedKafkaBroker broker;

    private RestartableKafka(Path logDirectory, int port, int controllerPort) {
        this.logDirectory = logDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Starts a new broker on free ports with a new data directory. */
    public static RestartableKafka start() {
        try {
            RestartableKafka kafka = new RestartableKafka(Files.createTempDirectory("test-kafka"), freePort(), freePort());
            kafka.startBroker();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.stop();
                FileSystemUtils.deleteRecursively(kafka.logDirectory.toFile());
            }));
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a Kafka broker of its own", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Its address; the same across restarts. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker again on its data after {@link #stop()}. */
    public synchronized void startBroker() {
        if (broker == null) {
            broker = EmbeddedKafkaBroker.start(logDirectory, "127.0.0.1", port, controllerPort);
        }
    }

    /** Shuts the broker down; its data stays. */
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Stops and starts it again. */
    public void restart() {
        stop();
        startBroker();
    }
}

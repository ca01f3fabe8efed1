package io.mailplatform.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller) started from Kafka's
 * own server classes, on a fixed port, with its log directory kept between runs. The storage is
 * formatted on first start, as {@code kafka-storage.sh format --standalone} would.
 *
 * <p>{@link #startAuthenticated} requires SASL/PLAIN on both listeners (clients and controller),
 * with one user whose password is generated on first start and kept in the file
 * {@value #PASSWORD_FILE} of the log directory; {@link #clientProperties()} are the settings a
 * client then needs. The connection itself is not encrypted: the broker listens on {@code host},
 * loopback for the standalone platform, where nobody can listen in.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    public static final String USER = "mail";
    public static final String PASSWORD_FILE = "broker.password";
    private static final String LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Map<String, String> clientProperties;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Map<String, String> clientProperties) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = clientProperties;
    }

    /** A broker without authentication, for tests that stop and restart it. */
    public static EmbeddedKafkaBroker start(Path logDirectory, String host, int port, int controllerPort) {
        return start(logDirectory, host, port, controllerPort, null);
    }

    /** A broker that requires the password of {@value #USER} (SASL/PLAIN) from every client. */
    public static EmbeddedKafkaBroker startAuthenticated(Path logDirectory, String host, int port, int controllerPort) {
        return start(logDirectory, host, port, controllerPort, SecretFile.password(logDirectory.resolve(PASSWORD_FILE)));
    }

    private static EmbeddedKafkaBroker start(Path logDirectory, String host, int port, int controllerPort, String password) {
        try {
            Files.createDirectories(logDirectory);
            String protocol = password == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
            Properties config = new Properties();
            config.put("process.roles", "broker,controller");
            config.put("node.id", "1");
            // the client listener is named after its protocol, as earlier versions named it PLAINTEXT
            config.put("listeners", protocol + "://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
            config.put("advertised.listeners", protocol + "://" + host + ":" + port);
            config.put("inter.broker.listener.name", protocol);
            config.put("controller.listener.names", "CONTROLLER");
            config.put("listener.security.protocol.map", protocol + ":" + protocol + ",CONTROLLER:" + protocol);
            Map<String, String> clientProperties = Map.of();
            if (password != null) {
                // the broker's own connections to itself (controller, inter-broker) log in as the same user
                String jaas = LOGIN_MODULE + " required username=\"" + USER + "\" password=\"" + password
                        + "\" user_" + USER + "=\"" + password + "\";";
                config.put("sasl.enabled.mechanisms", "PLAIN");
                config.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
                config.put("sasl.mechanism.controller.protocol", "PLAIN");
                config.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas);
                config.put("listener.name.controller.plain.sasl.jaas.config", jaas);
                clientProperties = Map.of("security.protocol", protocol, "sasl.mechanism", "PLAIN", "sasl.jaas.config",
                        LOGIN_MODULE + " required username=\"" + USER + "\" password=\"" + password + "\";");
            }
            config.put("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
            config.put("log.dirs", logDirectory.toString());
            config.put("offsets.topic.replication.factor", "1");
            config.put("offsets.topic.num.partitions", "6");
            config.put("transaction.state.log.replication.factor", "1");
            config.put("transaction.state.log.min.isr", "1");
            config.put("share.coordinator.state.topic.replication.factor", "1");
            config.put("share.coordinator.state.topic.min.isr", "1");
            config.put("group.initial.rebalance.delay.ms", "0");
            config.put("auto.create.topics.enable", "false");
            config.put("message.max.bytes", Integer.toString(64 << 20));
            if (!Files.exists(logDirectory.resolve("meta.properties"))) {
                format(logDirectory, config);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
            server.startup();
            String bootstrap = host + ":" + port;
            log.info("embedded Kafka broker on {} ({}) with data in {}", bootstrap, protocol, logDirectory);
            return new EmbeddedKafkaBroker(server, bootstrap, clientProperties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker", e);
        }
    }

    private static void format(Path logDirectory, Properties config) throws IOException {
        // read by the storage tool only, then removed: it may hold the broker's password
        Path file = logDirectory.resolve("server.properties");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            config.store(out, "embedded broker");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
                "--config", file.toString(), "--standalone"}, new PrintStream(output, true, StandardCharsets.UTF_8));
        Files.delete(file);
        if (status != 0) {
            throw new IllegalStateException("formatting the Kafka log directory failed: " + output);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The Kafka client settings that log in to this broker (none when it requires no authentication). */
    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}

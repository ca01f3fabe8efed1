package io.mailplatform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone platform's broker requires its password (SASL/PLAIN), keeps it and its topics
 * across a restart, and takes over a log directory that an earlier, unauthenticated version wrote.
 */
class EmbeddedKafkaBrokerTest {
    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Admin admin(EmbeddedKafkaBroker broker, Map<String, String> login) {
        Map<String, Object> config = new HashMap<>(login);
        config.put("bootstrap.servers", broker.bootstrapServers());
        config.put("default.api.timeout.ms", "20000");
        config.put("request.timeout.ms", "10000");
        return Admin.create(config);
    }

    @Test
    void theBrokerRequiresItsPasswordAndKeepsItAcrossARestartOfAnEarlierUnauthenticatedLogDirectory() throws Exception {
        Path logs = dir.resolve("kafka");
        int port = freePort();
        int controllerPort = freePort();
        // an earlier version's broker: no authentication, one topic
        try (EmbeddedKafkaBroker old = EmbeddedKafkaBroker.start(logs, "127.0.0.1", port, controllerPort);
             Admin admin = admin(old, old.clientProperties())) {
            assertThat(old.clientProperties()).isEmpty();
            admin.createTopics(Set.of(new NewTopic("kept", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        String password;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startAuthenticated(logs, "127.0.0.1", port, controllerPort)) {
            password = Files.readString(logs.resolve(EmbeddedKafkaBroker.PASSWORD_FILE)).trim();
            assertThat(broker.clientProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                    .containsEntry("sasl.mechanism", "PLAIN");
            assertThat(broker.clientProperties().get("sasl.jaas.config")).contains("password=\"" + password + "\"");
            try (Admin admin = admin(broker, broker.clientProperties())) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
            }
            Map<String, String> wrong = new HashMap<>(broker.clientProperties());
            wrong.put("sasl.jaas.config", wrong.get("sasl.jaas.config").replace(password, password + "x"));
            try (Admin admin = admin(broker, wrong)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
        assertThat(logs.resolve("server.properties")).doesNotExist();
        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.startAuthenticated(logs, "127.0.0.1", port, controllerPort);
             Admin admin = admin(again, again.clientProperties())) {
            assertThat(again.clientProperties().get("sasl.jaas.config")).contains("password=\"" + password + "\"");
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
        }
    }
}

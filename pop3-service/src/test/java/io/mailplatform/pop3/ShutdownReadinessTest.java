package io.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.pop3.server.Pop3Server;
import io.mailplatform.pop3.support.Pop3Client;
import io.mailplatform.testsupport.HealthProbe;
import io.mailplatform.testsupport.TestDatabase;
import io.mailplatform.testsupport.TestKafka;
import io.mailplatform.testsupport.TestPostgres;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A stopping instance leaves the load balancer before it stops serving: when shutdown begins, the
 * readiness probe already answers 503 OUT_OF_SERVICE over HTTP while the POP3 listener still
 * greets; the listener closes after that. Runs the service as its main class does (no main web
 * server, the actuator on its own port), in a context of its own, since the test closes it.
 */
class ShutdownReadinessTest {

    @Test
    void readinessGoesDownBeforeTheListenersClose() throws IOException {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Pop3ServiceApplication.class)
                .properties(properties(TestPostgres.newDatabase()))
                .run();
        int managementPort = context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
        int pop3Port = context.getBean(Pop3Server.class).port("pop3");
        assertThat(HealthProbe.get(managementPort, "readiness").httpStatus()).isEqualTo(200);

        AtomicReference<HealthProbe> readinessAtShutdown = new AtomicReference<>();
        AtomicReference<String> greetingAtShutdown = new AtomicReference<>();
        // published once shutdown has begun (readiness changed), before any lifecycle bean stops; the
        // management context's own closing event, later, reaches this listener too
        context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                readinessAtShutdown.set(HealthProbe.get(managementPort, "readiness"));
                try (Pop3Client client = Pop3Client.plain(pop3Port)) {
                    greetingAtShutdown.set(client.greeting());
                } catch (IOException e) {
                    greetingAtShutdown.set(e.toString());
                }
            }
        });
        context.close();

        assertThat(readinessAtShutdown.get().httpStatus()).isEqualTo(503);
        assertThat(readinessAtShutdown.get().components())
                .containsEntry("readinessState", "OUT_OF_SERVICE").containsEntry("listeners", "UP");
        assertThat(greetingAtShutdown.get()).as("the listener still served").startsWith("+OK");
        assertThatThrownBy(() -> new Socket("127.0.0.1", pop3Port).close()).isInstanceOf(ConnectException.class);
    }

    private static String[] properties(TestDatabase database) {
        List<String> properties = new ArrayList<>(List.of("spring.datasource.url=" + database.jdbcUrl(),
                "spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "mail.pop3.port=0", "mail.pop3.tls-port=0", "mail.pop3.bind-address=127.0.0.1",
                "management.server.port=0"));
        if (database.username() != null) {
            properties.add("spring.datasource.username=" + database.username());
            properties.add("spring.datasource.password=" + database.password());
        }
        return properties.toArray(String[]::new);
    }
}

package io.mailplatform.standalone;

import io.mailplatform.smtp.server.SmtpServer;
import java.io.IOException;
import java.net.ServerSocket;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

/** The platform run as main() runs it, with its embedded PostgreSQL and Kafka in a data directory. */
final class EmbeddedPlatform implements AutoCloseable {
    final EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure();
    final ConfigurableApplicationContext context;

    EmbeddedPlatform(String... args) {
        SpringApplication application = new SpringApplication(StandaloneApplication.class);
        application.addListeners(infrastructure);
        // the test JVM's own broker announces itself in the system property
        // spring.kafka.bootstrap-servers (spring-kafka-test), which would stand for an external
        // Kafka; the platform started from a shell has no such property
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        application.setEnvironment(environment);
        ConfigurableApplicationContext started;
        try {
            started = application.run(args);
        } catch (RuntimeException e) {
            infrastructure.stop();
            throw e;
        }
        context = started;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    int httpPort() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    int mxPort() {
        return context.getBean(SmtpServer.class).port("smtp");
    }

    @Override
    public void close() {
        context.close();
        infrastructure.stop();
    }
}

package io.mailplatform.webmail;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.HealthProbe;
import io.mailplatform.testsupport.RealInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The actuator of the API listens on a port of its own, over plain HTTP and without credentials
 * (the API's TLS and login rules stay on the API port). Same context as {@code AccountAdminApiTest},
 * whose broker cannot be reached: the API serves without it (mailbox events are hints), so the instance
 * is alive and ready, and the full health shows the broker's check down.
 */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.admin.password=admin-secret", "spring.kafka.admin.auto-create=false",
                "spring.kafka.bootstrap-servers=127.0.0.1:1", "spring.datasource.hikari.connection-timeout=1000"})
@RealInfrastructure(kafka = false)
class ManagementPortTest {
    @LocalServerPort
    int apiPort;
    @LocalManagementPort
    int managementPort;

    @Test
    void readyWhileTheBrokerIsUnreachable() {
        assertThat(managementPort).isNotEqualTo(apiPort);

        HealthProbe readiness = HealthProbe.get(managementPort, "readiness");
        assertThat(readiness.httpStatus()).isEqualTo(200);
        assertThat(readiness.status()).isEqualTo("UP");
        assertThat(readiness.components()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "readinessState", "UP", "db", "UP"));

        HealthProbe health = HealthProbe.overall(managementPort);
        assertThat(health.httpStatus()).isEqualTo(503);
        assertThat(health.components()).containsEntry("kafka", "DOWN");

        HealthProbe liveness = HealthProbe.get(managementPort, "liveness");
        assertThat(liveness.httpStatus()).as("a broker outage restarts nothing").isEqualTo(200);
    }
}

package io.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.HealthProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** The probes of a container orchestrator, over HTTP on the management port. */
@SmtpGatewayTest
class ManagementHealthTest {
    @LocalManagementPort
    int managementPort;

    @Test
    void readyWithTheDatabaseTheBrokerAndTheListeners() {
        HealthProbe.assertReady(managementPort, "readinessState", "db", "kafka", "listeners");
    }

    @Test
    void aliveIsTheProcessAlone() {
        HealthProbe liveness = HealthProbe.get(managementPort, "liveness");

        assertThat(liveness.httpStatus()).isEqualTo(200);
        assertThat(liveness.components()).containsOnlyKeys("livenessState");
    }
}

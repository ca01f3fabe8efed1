package io.mailplatform.standalone;

import io.mailplatform.testsupport.HealthProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** All services in one process: one readiness for the database, the broker and every mail listener. */
@StandaloneTest
class ManagementHealthTest {
    @LocalManagementPort
    int managementPort;

    @Test
    void readyWithTheDatabaseTheBrokerAndTheListeners() {
        HealthProbe.assertReady(managementPort, "readinessState", "db", "kafka", "listeners");
    }
}

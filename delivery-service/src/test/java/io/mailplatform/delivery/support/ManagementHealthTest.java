package io.mailplatform.delivery.support;

import io.mailplatform.testsupport.HealthProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The delivery service has no API, yet its actuator answers on the management port: ready with the
 * database and the broker (it has no listeners of its own).
 */
class ManagementHealthTest extends DeliveryTestSupport {
    @LocalManagementPort
    int managementPort;

    @Test
    void readyWithTheDatabaseAndTheBroker() {
        HealthProbe.assertReady(managementPort, "readinessState", "db", "kafka");
    }
}

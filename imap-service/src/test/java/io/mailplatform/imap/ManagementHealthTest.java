package io.mailplatform.imap;

import io.mailplatform.testsupport.HealthProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** The readiness probe of a container orchestrator, over HTTP on the management port. */
class ManagementHealthTest extends ImapTestSupport {
    @LocalManagementPort
    int managementPort;

    @Test
    void readyWithTheDatabaseAndTheListeners() {
        // not the broker: mailbox events are hints, the service serves without them (EventBrokerOutageTest)
        HealthProbe.assertReady(managementPort, "readinessState", "db", "listeners");
    }
}

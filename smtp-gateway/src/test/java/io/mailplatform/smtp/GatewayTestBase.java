package io.mailplatform.smtp;

import io.mailplatform.smtp.policy.RecipientDirectory;
import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.store.directory.DirectoryService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The gateway tests that share one application context: its server and the test directory, provisioned per class. */
@SmtpGatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GatewayTestBase {
    @Autowired
    protected SmtpServer server;
    @Autowired
    protected ApplicationContext context;

    @BeforeAll
    void provision(@Autowired DirectoryService directory, @Autowired RecipientDirectory cache) throws Exception {
        TestDirectory.provision(directory, cache);
    }
}

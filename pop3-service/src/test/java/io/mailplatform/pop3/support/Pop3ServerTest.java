package io.mailplatform.pop3.support;

import io.mailplatform.pop3.server.Pop3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Base of the POP3 integration tests: the shared context, its server, and fixtures that close with the class. */
@Pop3IntegrationTest
public abstract class Pop3ServerTest {
    @Autowired
    protected ApplicationContext context;
    @Autowired
    protected Pop3Server server;

    protected Pop3Fixtures fixtures;

    @BeforeAll
    void createFixtures() {
        fixtures = new Pop3Fixtures(context);
    }

    @AfterAll
    void closeFixtures() {
        fixtures.close();
    }
}

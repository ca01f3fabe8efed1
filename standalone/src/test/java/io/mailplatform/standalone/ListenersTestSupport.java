package io.mailplatform.standalone;

import io.mailplatform.imap.server.ImapServer;
import io.mailplatform.pop3.server.Pop3Server;
import io.mailplatform.smtp.server.SmtpServer;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

/** A test of the running platform over its mail listeners, with the first account provisioned. */
abstract class ListenersTestSupport {
    static final String ADDRESS = "alice@example.test";
    static final String PASSWORD = "wonder land";

    @Autowired
    SmtpServer smtp;
    @Autowired
    ImapServer imap;
    @Autowired
    Pop3Server pop3;

    @BeforeAll
    void provision(@Autowired FirstAccount firstAccount) throws Exception {
        firstAccount.run(new DefaultApplicationArguments());
    }
}

package io.mailplatform.standalone;

import io.mailplatform.imap.server.ImapServer;
import io.mailplatform.pop3.server.Pop3Server;
import io.mailplatform.smtp.server.SmtpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says, once everything runs, where each protocol listens and how to log in; just before a generated
 * administrator password, which is shown last, on the console only (webmail's AdminCredentials).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class StartupReport implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);
    private final SmtpServer smtp;
    private final Pop3Server pop3;
    private final ImapServer imap;
    private final Environment environment;

    StartupReport(SmtpServer smtp, Pop3Server pop3, ImapServer imap, Environment environment) {
        this.smtp = smtp;
        this.pop3 = pop3;
        this.imap = imap;
        this.environment = environment;
    }

    private boolean plainHttp() {
        return environment.getProperty("mail.http.plain", Boolean.class, false)
                || !environment.getProperty("server.ssl.enabled", Boolean.class, true);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String http = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        log.info("""

                ==== Mail platform is running ====
                  SMTP (MX)            port {}   no AUTH needed for local recipients
                  SMTP submission      port {}   STARTTLS, then AUTH with full address + password
                  SMTP submissions     port {}   implicit TLS
                  POP3                 port {}   STLS, then USER/PASS   (POP3S port {})
                  IMAP                 port {}   STARTTLS, then LOGIN  (IMAPS port {})
                  {}            port {}   /api/admin/** as the administrator, /api/** as a mail user
                  Log in everywhere with the full address (alice@example.test) and its password.
                  The TLS certificate is self-signed unless spring.ssl.bundle.pem.mail is configured.
                """, smtp.port("smtp"), smtp.port("submission"), smtp.port("submissions"), pop3.port("pop3"),
                pop3.port("pop3s"), imap.port("imap"), imap.port("imaps"), plainHttp() ? "HTTP API " : "HTTPS API", http);
    }
}

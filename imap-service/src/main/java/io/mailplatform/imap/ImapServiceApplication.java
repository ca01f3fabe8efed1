package io.mailplatform.imap;

import io.mailplatform.management.ManagementConfiguration;
import io.mailplatform.imap.config.ImapConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/** Runs the IMAP service alone; its only web server is the actuator's, on {@code management.server.port}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ImapConfiguration.class)
@PropertySource({ManagementConfiguration.WITHOUT_API, ManagementConfiguration.READINESS_WITHOUT_BROKER})
public class ImapServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(ImapServiceApplication.class, args);
    }
}

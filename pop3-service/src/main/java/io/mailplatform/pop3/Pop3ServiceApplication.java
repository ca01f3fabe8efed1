package io.mailplatform.pop3;

import io.mailplatform.management.ManagementConfiguration;
import io.mailplatform.pop3.config.Pop3Configuration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/** Runs the POP3 service alone; its only web server is the actuator's, on {@code management.server.port}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(Pop3Configuration.class)
@PropertySource({ManagementConfiguration.WITHOUT_API, ManagementConfiguration.READINESS_WITHOUT_BROKER})
public class Pop3ServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(Pop3ServiceApplication.class, args);
    }
}

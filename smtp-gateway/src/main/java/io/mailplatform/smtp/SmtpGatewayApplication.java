package io.mailplatform.smtp;

import io.mailplatform.management.ManagementConfiguration;
import io.mailplatform.smtp.config.SmtpGatewayConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/** Runs the SMTP gateway alone; its only web server is the actuator's, on {@code management.server.port}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SmtpGatewayConfiguration.class)
@PropertySource({ManagementConfiguration.WITHOUT_API, ManagementConfiguration.READINESS_WITH_BROKER})
public class SmtpGatewayApplication {
    public static void main(String[] args) {
        SpringApplication.run(SmtpGatewayApplication.class, args);
    }
}

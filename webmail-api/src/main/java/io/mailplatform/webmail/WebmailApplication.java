package io.mailplatform.webmail;

import io.mailplatform.management.ManagementConfiguration;
import io.mailplatform.webmail.config.WebmailConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/** Runs the webmail and admin API alone. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WebmailConfiguration.class)
@PropertySource(ManagementConfiguration.READINESS_WITHOUT_BROKER)
public class WebmailApplication {
    public static void main(String[] args) {
        SpringApplication.run(WebmailApplication.class, args);
    }
}

package io.mailplatform.webmail;

import io.mailplatform.webmail.config.WebmailConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Runs the webmail and admin API alone. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WebmailConfiguration.class)
public class WebmailApplication {
    public static void main(String[] args) {
        SpringApplication.run(WebmailApplication.class, args);
    }
}

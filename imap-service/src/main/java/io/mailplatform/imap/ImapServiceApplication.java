package io.mailplatform.imap;

import io.mailplatform.imap.config.ImapConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Runs the IMAP service alone. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ImapConfiguration.class)
public class ImapServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(ImapServiceApplication.class, args);
    }
}

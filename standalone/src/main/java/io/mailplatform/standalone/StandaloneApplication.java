package io.mailplatform.standalone;

import io.mailplatform.delivery.config.DeliveryConfiguration;
import io.mailplatform.imap.config.ImapConfiguration;
import io.mailplatform.management.ManagementConfiguration;
import io.mailplatform.pop3.config.Pop3Configuration;
import io.mailplatform.smtp.config.SmtpGatewayConfiguration;
import io.mailplatform.webmail.config.WebmailConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * Every service in one JVM, for trials and development. Unless external ones are configured, it
 * starts an embedded single-node KRaft broker and an embedded PostgreSQL, both keeping their data
 * under {@code mail.standalone.data-dir}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackageClasses = StandaloneApplication.class)
@ConfigurationPropertiesScan(basePackageClasses = StandaloneApplication.class)
@Import({SmtpGatewayConfiguration.class, DeliveryConfiguration.class, Pop3Configuration.class, ImapConfiguration.class,
        WebmailConfiguration.class})
@PropertySource(ManagementConfiguration.READINESS_WITH_BROKER)
public class StandaloneApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(StandaloneApplication.class);
        EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure();
        application.addListeners(infrastructure);
        SpringApplication.getShutdownHandlers().add(infrastructure::stop);
        try {
            application.run(args);
        } catch (RuntimeException e) {
            // Spring has logged why; the embedded broker's threads would keep a failed process alive
            // (a supervisor would then never restart it)
            infrastructure.stop();
            System.exit(1);
        }
    }
}

package io.mailplatform.smtp;

import io.mailplatform.testsupport.RealInfrastructure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The gateway on real PostgreSQL and Kafka, with test-sized limits and its actuator on a random
 * management port. Every class with this annotation shares one application context (and so one server).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = SmtpGatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mail.smtp.mx-port=0", "mail.smtp.submission-port=0", "mail.smtp.submissions-port=0",
        "mail.smtp.hostname=mx.example.test",
        "mail.store.postmaster=postmaster@example.test",
        "mail.smtp.limits.max-message-size=24MB",
        "mail.smtp.limits.max-recipients=5",
        "mail.smtp.limits.max-connections-per-address=500",
        "mail.store.login-throttle.base-delay=0"})
@RealInfrastructure
public @interface SmtpGatewayTest {
}

package io.mailplatform.standalone;

import io.mailplatform.testsupport.RealInfrastructure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole platform in one JVM on real PostgreSQL and Kafka, started as a user would start it:
 * the first domain and account come from {@code mail.standalone.*} (so that account is also the
 * postmaster). Every class with this annotation shares one application context; as the tables are
 * emptied before each class, a class calls {@link FirstAccount} again before it starts. SPF is off: these
 * tests run without DNS (SPF has its own tests, with a DNS server of their own, in delivery-service).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.smtp.mx-port=0", "mail.smtp.submission-port=0", "mail.smtp.submissions-port=0",
                "mail.pop3.port=0", "mail.pop3.tls-port=0", "mail.imap.port=0", "mail.imap.tls-port=0",
                "mail.smtp.hostname=mx.example.test", "mail.admin.password=admin-secret",
                "mail.smtp.limits.max-connections-per-address=250",
                "mail.standalone.domain=example.test", "mail.standalone.account=alice@example.test",
                "mail.standalone.password=wonder land",
                "mail.delivery.spf.enabled=false",
                // remote recipients stay queued for the tests to look at (RelayBetweenPlatformsTest sends for real)
                "mail.relay.enabled=false"})
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@interface StandaloneTest {
}

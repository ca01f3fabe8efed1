package io.mailplatform.pop3.support;

import io.mailplatform.pop3.Pop3ServiceApplication;
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
 * The one Spring configuration of the POP3 integration tests, so they share one application context
 * (one database, the JVM's broker): the service on random ports, and a login throttle that allows
 * three failures per account before it delays answers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = Pop3ServiceApplication.class, properties = {
        "mail.pop3.port=0", "mail.pop3.tls-port=0", "mail.pop3.bind-address=127.0.0.1",
        "mail.pop3.hostname=pop.example.test",
        "mail.store.login-throttle.free-failures-per-account=3",
        "mail.store.login-throttle.free-failures-per-address=100000",
        "mail.store.login-throttle.base-delay=600ms", "mail.store.login-throttle.max-delay=2s"})
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public @interface Pop3IntegrationTest {
}

package io.mailplatform.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Puts a Spring test on real infrastructure: a fresh PostgreSQL database per application context
 * (contexts are shared between classes with the same configuration) and, unless {@code kafka} is
 * false, the JVM's embedded KRaft broker. Before each test class the database tables are emptied,
 * so every class starts from a clean schema.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CleanDatabaseExtension.class)
public @interface RealInfrastructure {
    /** Whether to start and configure the embedded Kafka broker. */
    boolean kafka() default true;
}

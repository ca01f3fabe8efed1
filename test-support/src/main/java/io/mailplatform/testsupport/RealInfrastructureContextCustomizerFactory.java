package io.mailplatform.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Registered in {@code META-INF/spring.factories}: wires {@link RealInfrastructure} into Spring tests. */
public class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        var annotation = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .get(RealInfrastructure.class);
        if (!annotation.isPresent()) {
            return null;
        }
        return new Customizer(annotation.getBoolean("kafka"));
    }

    /** Equal for equal settings, so Spring's context cache shares contexts between test classes. */
    private record Customizer(boolean kafka) implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestDatabase database = TestPostgres.newDatabase();
            Map<String, Object> properties = new HashMap<>();
            properties.put("spring.datasource.url", database.jdbcUrl());
            if (database.username() != null) {
                properties.put("spring.datasource.username", database.username());
                properties.put("spring.datasource.password", database.password());
            }
            if (kafka) {
                properties.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
            }
            // the actuator's own port (9090 by default) would clash between the cached contexts of a
            // test JVM, and with other builds on the machine; it is served only by contexts with a
            // real web server (webEnvironment RANDOM_PORT), whose tests ask for it with @LocalManagementPort
            properties.put("management.server.port", 0);
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("realInfrastructure", properties));
            // CleanDatabaseExtension restarts the content ids between the classes that share a context,
            // which the store's content cache must never see; a test that wants the cache sets a size
            // (this source comes last, below the test's own properties)
            context.getEnvironment().getPropertySources()
                    .addLast(new MapPropertySource("realInfrastructureDefaults", Map.of("mail.store.content-cache", "0")));
        }
    }
}

package io.mailplatform.management;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code mail.log.format} ({@code MAIL_LOG_FORMAT}): {@code text} (the default, for people) or
 * {@code json}, one JSON object per line in the Elastic Common Schema for log collectors, with the
 * correlation fields {@code sessionId} and {@code envelopeId}. It selects Spring Boot's structured
 * console logging ({@code logging.structured.format.console}, which may also be set directly, e.g. to
 * {@code logstash}); runs before the logging system starts, which is why it is not a
 * {@code @ConfigurationProperties} record.
 */
public class LogFormat implements EnvironmentPostProcessor {
    static final String PROPERTY = "mail.log.format";
    static final String STRUCTURED = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty(PROPERTY, "text").trim().toLowerCase(Locale.ROOT);
        switch (format) {
            case "text" -> {
            }
            case "json" -> {
                if (!environment.containsProperty(STRUCTURED)) {
                    environment.getPropertySources().addLast(new MapPropertySource("mailLogFormat", Map.of(STRUCTURED, "ecs")));
                }
            }
            default -> throw new IllegalArgumentException(PROPERTY + " must be 'text' or 'json', not '" + format + "'");
        }
    }
}

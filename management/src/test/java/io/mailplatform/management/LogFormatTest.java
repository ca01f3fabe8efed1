package io.mailplatform.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** mail.log.format chooses Spring Boot's structured console logging, or leaves it alone. */
class LogFormatTest {

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new LogFormat().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void jsonIsTheElasticCommonSchema() {
        assertThat(environment(Map.of("mail.log.format", "JSON")).getProperty(LogFormat.STRUCTURED)).isEqualTo("ecs");
    }

    @Test
    void textAndTheDefaultLeaveTheConsoleAlone() {
        assertThat(environment(Map.of()).getProperty(LogFormat.STRUCTURED)).isNull();
        assertThat(environment(Map.of("mail.log.format", "text")).getProperty(LogFormat.STRUCTURED)).isNull();
    }

    @Test
    void anExplicitStructuredFormatWins() {
        assertThat(environment(Map.of("mail.log.format", "json", LogFormat.STRUCTURED, "logstash"))
                .getProperty(LogFormat.STRUCTURED)).isEqualTo("logstash");
    }

    @Test
    void anUnknownFormatStopsTheStart() {
        assertThatThrownBy(() -> environment(Map.of("mail.log.format", "xml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'text' or 'json'");
    }
}

package io.mailplatform.delivery.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.delivery.config.RelayClientProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelayClientPropertiesTest {

    @Test
    void theDefaultsAreRfc5321Timeouts() {
        RelayClientProperties.Timeouts timeouts = RelayClients.properties().timeouts();
        assertThat(timeouts.greeting()).isEqualTo(Duration.ofMinutes(5));
        assertThat(timeouts.mail()).isEqualTo(Duration.ofMinutes(5));
        assertThat(timeouts.rcpt()).isEqualTo(Duration.ofMinutes(5));
        assertThat(timeouts.dataInitiation()).isEqualTo(Duration.ofMinutes(2));
        assertThat(timeouts.dataBlock()).isEqualTo(Duration.ofMinutes(3));
        assertThat(timeouts.dataTermination()).isEqualTo(Duration.ofMinutes(10));
        assertThat(timeouts.connect()).isEqualTo(Duration.ofSeconds(30));
        RelayClientProperties properties = RelayClients.properties();
        assertThat(properties.maxConnections()).isEqualTo(100);
        assertThat(properties.limits().maxReplyLineLength()).isEqualTo(4096);
        assertThat(properties.tls().verifyRequired()).isTrue();
        assertThat(properties.tls().plaintextFallback()).isTrue();
    }

    @Test
    void nonsenseIsRefusedAtStart() {
        assertThatThrownBy(() -> RelayClients.properties("timeouts.mail=0s")).hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RelayClients.properties("limits.chunk-size=100B"))
                .hasRootCauseMessage("mail.relay.client.limits.chunk-size must be 1KB to 16MB");
        assertThatThrownBy(() -> new SmtpClient(RelayClients.properties(), "bad name\r\nRCPT", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

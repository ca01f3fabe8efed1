package io.mailplatform.smtp.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProducerTimeoutsTest {

    @ParameterizedTest
    @ValueSource(longs = {500, 3_000, 30_000, 120_000})
    void theProducerGivesUpBeforeTheSessionDoes(long publishMillis) {
        ProducerTimeouts timeouts = ProducerTimeouts.forPublishTimeout(Duration.ofMillis(publishMillis), 2);
        // the longest a record can live in the producer: queued until the send deadline, blocked in send(), then delivering
        long worstCase = timeouts.sendDeadline().toMillis() + timeouts.maxBlock().toMillis() + timeouts.deliveryTimeout().toMillis();
        assertThat(worstCase).isLessThan(publishMillis);
        // Kafka refuses a configuration where delivery.timeout.ms < linger.ms + request.timeout.ms
        assertThat(timeouts.deliveryTimeout().toMillis()).isGreaterThanOrEqualTo(2 + timeouts.requestTimeout().toMillis());
        Map<String, Object> config = new HashMap<>();
        timeouts.applyTo(config);
        assertThat(config).containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeouts.deliveryTimeout().toMillis())
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeouts.maxBlock().toMillis())
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeouts.requestTimeout().toMillis());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 20})
    void aPublishTimeoutTooShortForTheLingerIsRefused(long publishMillis) {
        assertThatThrownBy(() -> ProducerTimeouts.forPublishTimeout(Duration.ofMillis(publishMillis), 50))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

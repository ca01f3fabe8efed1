package io.mailplatform.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.delivery.spf.DnsResolver;
import io.mailplatform.delivery.spf.SpfChecker;
import io.mailplatform.delivery.spf.SpfIdentityCheck;
import io.mailplatform.delivery.spf.SpfOutcome;
import io.mailplatform.delivery.spf.SpfResult;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A DNS that never answers in time delays a batch by one bounded stage timeout, and the mail gets temperror. */
class SpfStageTest {

    /** Every query hangs for a minute. */
    private static final DnsResolver HANGING = new DnsResolver() {
        private List<String> hang() {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }

        @Override
        public List<String> txt(String name) {
            return hang();
        }

        @Override
        public List<InetAddress> addresses(String name, boolean ipv6) {
            hang();
            return List.of();
        }

        @Override
        public List<String> mx(String name) {
            return hang();
        }

        @Override
        public List<String> ptr(String name) {
            return hang();
        }
    };

    @Test
    void aHangingDnsEndsInTemperrorWithinTheStageTimeout() {
        Duration checkTimeout = Duration.ofMillis(200);
        DeliveryProperties properties = new DeliveryProperties("g", 1, 10, "mx.test",
                new DeliveryProperties.Spf(true, DeliveryProperties.FailAction.JUNK, List.of(), Duration.ofSeconds(1), 0,
                        checkTimeout, 0, "x", 4),
                new DeliveryProperties.Routing(10, 100),
                new DeliveryProperties.Retry(Duration.ofHours(1), Duration.ofDays(3), Duration.ofSeconds(30), 10),
                new DeliveryProperties.Housekeeping(Duration.ofDays(14), Duration.ofHours(1), 100));
        SpfStage stage = new SpfStage(new SpfIdentityCheck(new SpfChecker(HANGING, "x", "mx.test", checkTimeout,
                Clock.systemUTC())), properties);
        try {
            List<InboundMail> batch = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Envelope envelope = new Envelope("E" + i, "s@example.org", List.of(EnvelopeRecipient.of("r@example.test")),
                        "192.0.2.1", "h.example.org", i == 0 ? "user@example.test" : null, null, Instant.now(),
                        BodyType.SEVEN_BIT, false, null, null);
                batch.add(new InboundMail(envelope, new byte[0]));
            }
            long start = System.nanoTime();
            List<SpfOutcome> outcomes = stage.check(batch);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(outcomes.get(0)).isNull(); // authenticated: not checked
            assertThat(outcomes.subList(1, 20)).allSatisfy(o -> {
                assertThat(o.result()).isEqualTo(SpfResult.TEMPERROR);
                assertThat(o.identity()).isEqualTo("mailfrom");
            });
        } finally {
            stage.destroy();
        }
    }
}

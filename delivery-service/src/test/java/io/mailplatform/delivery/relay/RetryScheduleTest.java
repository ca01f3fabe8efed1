package io.mailplatform.delivery.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.delivery.config.RelayProperties;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The back-off between attempts: from minutes growing to hours, with jitter either way. */
class RetryScheduleTest {
    private static final RelayProperties.Retry DEFAULTS = new RelayProperties.Retry(Duration.ofMinutes(5),
            Duration.ofHours(4), 2, 0.2);

    @Test
    void withoutJitterTheWaitDoublesUpToTheMaximum() {
        RetrySchedule schedule = new RetrySchedule(new RelayProperties.Retry(Duration.ofMinutes(5), Duration.ofHours(4), 2, 0),
                new SplittableRandom(1));
        assertThat(schedule.delay(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.delay(2)).isEqualTo(Duration.ofMinutes(10));
        assertThat(schedule.delay(3)).isEqualTo(Duration.ofMinutes(20));
        assertThat(schedule.delay(6)).isEqualTo(Duration.ofMinutes(160));
        assertThat(schedule.delay(7)).isEqualTo(Duration.ofHours(4));
        assertThat(schedule.delay(500)).isEqualTo(Duration.ofHours(4));
    }

    @RepeatedTest(20)
    void jitterMovesEachWaitByAtMostItsShareEitherWay() {
        long seed = System.nanoTime();
        RetrySchedule schedule = new RetrySchedule(DEFAULTS, new SplittableRandom(seed));
        for (int attempts = 1; attempts < 12; attempts++) {
            long nominal = Math.min(5 * 60_000L << (attempts - 1), 4 * 3_600_000L);
            assertThat(schedule.delay(attempts).toMillis()).as("seed %d, attempt %d", seed, attempts)
                    .isBetween(Math.round(nominal * 0.8), Math.round(nominal * 1.2));
        }
    }

    @Test
    void jitterSpreadsMessagesQueuedTogether() {
        RetrySchedule schedule = new RetrySchedule(DEFAULTS, new SplittableRandom(7));
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> schedule.delay(1)).distinct().count())
                .isGreaterThan(40);
    }
}

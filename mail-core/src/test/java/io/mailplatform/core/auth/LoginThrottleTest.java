package io.mailplatform.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong();
    private final LoginThrottle throttle = new LoginThrottle(3, 10, Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofMinutes(15), now::get);

    @Test
    void delaysGrowAfterTheFreeFailuresAndSuccessClears() throws Exception {
        InetAddress ip = InetAddress.getByName("192.0.2.1");
        for (int i = 0; i < 3; i++) {
            throttle.failed("alice@example.test", ip);
            assertThat(throttle.delay("alice@example.test", ip)).isZero();
        }
        throttle.failed("alice@example.test", ip);
        assertThat(throttle.delay("ALICE@example.test", ip)).isEqualTo(Duration.ofSeconds(1));
        throttle.failed("alice@example.test", ip);
        assertThat(throttle.delay("alice@example.test", ip)).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 10; i++) {
            throttle.failed("alice@example.test", ip);
        }
        assertThat(throttle.delay("alice@example.test", ip)).isEqualTo(Duration.ofSeconds(8));
        // another address guessing the same account is slowed too
        assertThat(throttle.delay("alice@example.test", InetAddress.getByName("192.0.2.2"))).isEqualTo(Duration.ofSeconds(8));
        throttle.succeeded("alice@example.test", ip);
        assertThat(throttle.delay("alice@example.test", ip)).isZero();
    }

    @Test
    void oneAddressGuessingManyAccountsIsSlowedAndTheWindowExpires() throws Exception {
        InetAddress ip = InetAddress.getByName("198.51.100.9");
        for (int i = 0; i < 11; i++) {
            throttle.failed("user" + i + "@example.test", ip);
        }
        assertThat(throttle.delay("fresh@example.test", ip)).isEqualTo(Duration.ofSeconds(1));
        now.addAndGet(Duration.ofMinutes(16).toNanos());
        assertThat(throttle.delay("fresh@example.test", ip)).isZero();
    }

    @Test
    void theRemainingWaitRunsFromTheLatestFailure() throws Exception {
        InetAddress ip = InetAddress.getByName("192.0.2.4");
        for (int i = 0; i < 4; i++) {
            throttle.failed("bob@example.test", ip);
        }
        assertThat(throttle.remainingWait("bob@example.test", ip)).isEqualTo(Duration.ofSeconds(1));
        now.addAndGet(Duration.ofMillis(400).toNanos());
        assertThat(throttle.remainingWait("bob@example.test", ip)).isEqualTo(Duration.ofMillis(600));
        now.addAndGet(Duration.ofMillis(600).toNanos());
        assertThat(throttle.remainingWait("bob@example.test", ip)).isZero();
        throttle.failed("bob@example.test", ip);
        assertThat(throttle.remainingWait("bob@example.test", ip)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void disabledNeverDelays() throws Exception {
        LoginThrottle off = LoginThrottle.disabled();
        InetAddress ip = InetAddress.getByName("192.0.2.3");
        for (int i = 0; i < 100; i++) {
            off.failed("x@example.test", ip);
        }
        assertThat(off.delay("x@example.test", ip)).isZero();
    }
}

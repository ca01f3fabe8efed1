package io.mailplatform.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.auth.LoginThrottle.Pacing;
import io.mailplatform.core.auth.LoginThrottle.Policy;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final Supplier<Optional<String>> WRONG = Optional::empty;
    private static final Supplier<Optional<String>> RIGHT = () -> Optional.of("alice");

    private final AtomicLong now = new AtomicLong();
    private final Policy policy = Policy.DEFAULTS.withFreeFailures(3, 10)
            .withDelays(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(2));
    private final LoginThrottle throttle = new LoginThrottle(policy, now::get);

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private LoginAttempt<String> fail(String name, String client) {
        return throttle.attempt(name, ip(client), Pacing.HOLD_ANSWER, WRONG);
    }

    private static Duration delayOf(LoginAttempt<String> attempt) {
        assertThat(attempt).isInstanceOf(LoginAttempt.Rejected.class);
        return ((LoginAttempt.Rejected<String>) attempt).replyDelay();
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void delaysGrowAfterTheFreeFailuresAndAnAccountsDelayIsCapped() {
        for (int i = 0; i < 3; i++) {
            assertThat(delayOf(fail("alice@example.test", "192.0.2.1"))).isZero();
        }
        assertThat(delayOf(fail("alice@example.test", "192.0.2.1"))).isEqualTo(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(delayOf(fail("alice@example.test", "192.0.2.1"))).isEqualTo(Duration.ofSeconds(2));
        advance(Duration.ofSeconds(2));
        assertThat(delayOf(fail("alice@example.test", "192.0.2.1"))).as("maxAccountDelay").isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void everySpellingOfAnAccountCountsOnItsOneCounter() {
        String[] spellings = {"\"alice\"@example.test", "alice@example\uFF0Etest", "ALICE@EXAMPLE.TEST",
                "\"\\a\\l\\i\\c\\e\"@example.test"};
        for (int i = 0; i < spellings.length; i++) {
            fail(spellings[i], "192.0.2." + (i + 1));
        }
        assertThat(throttle.failures("alice@example.test")).isEqualTo(4);
        assertThat(delayOf(fail("alice@example.test", "192.0.2.9"))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void oneNetworkGuessingManyAccountsIsSlowedUpToMaxDelayUntilTheWindowEnds() {
        Duration last = Duration.ZERO;
        for (int i = 0; i < 20; i++) {
            last = delayOf(fail("user" + i + "@example.test", "2001:db8:1:2::" + Integer.toHexString(i + 1)));
            advance(last);
        }
        assertThat(last).as("every address of the /64 counts for it").isEqualTo(Duration.ofSeconds(8));
        assertThat(throttle.failuresFrom(ip("2001:db8:1:2:ffff::1"))).isEqualTo(20);
        assertThat(throttle.failuresFrom(ip("2001:db8:1:3::1"))).isZero();
        advance(Duration.ofMinutes(16));
        assertThat(throttle.failuresFrom(ip("2001:db8:1:2::1"))).isZero();
        assertThat(delayOf(fail("fresh@example.test", "2001:db8:1:2::1"))).isZero();
    }

    @Test
    void aTrickleOfGuessesFromManyNetworksNeverLocksTheRightPasswordOut() {
        for (int i = 0; i < 100; i++) {
            assertThat(delayOf(fail("alice@example.test", "198.51.100." + (i % 250 + 1))))
                    .isLessThanOrEqualTo(Duration.ofSeconds(2));
            advance(Duration.ofSeconds(3));
        }
        LoginAttempt<String> right = throttle.attempt("alice@example.test", ip("203.0.113.5"), Pacing.HOLD_ANSWER, RIGHT);
        assertThat(right).isEqualTo(new LoginAttempt.Accepted<>("alice"));
        assertThat(throttle.failures("alice@example.test")).as("a success clears the account's count").isZero();
        right = throttle.attempt("alice@example.test", ip("203.0.113.5"), Pacing.REFUSE_WHILE_WAITING, RIGHT);
        assertThat(right).isEqualTo(new LoginAttempt.Accepted<>("alice"));
    }

    @Test
    void aSuccessDoesNotWipeTheNetworksCountOfGuessesAtOtherAccounts() {
        for (int i = 0; i < 5; i++) {
            fail("victim@example.test", "192.0.2.50");
        }
        throttle.attempt("own@example.test", ip("192.0.2.50"), Pacing.HOLD_ANSWER, RIGHT);
        assertThat(throttle.failuresFrom(ip("192.0.2.50"))).isEqualTo(5);
        assertThat(throttle.failures("victim@example.test")).isEqualTo(5);
    }

    @Test
    void attemptsInFlightAreCappedPerAccountAndPerNetwork() {
        LoginThrottle capped = new LoginThrottle(policy.withMaxConcurrent(1, 2), now::get);
        List<LoginAttempt<String>> secondForAccount = new ArrayList<>();
        List<LoginAttempt<String>> secondFromNetwork = new ArrayList<>();
        List<LoginAttempt<String>> thirdFromNetwork = new ArrayList<>();
        capped.attempt("alice@example.test", ip("192.0.2.1"), Pacing.HOLD_ANSWER, () -> {
            // while alice's first attempt is being checked
            secondForAccount.add(capped.attempt("ALICE@example.test", ip("192.0.2.2"), Pacing.HOLD_ANSWER, RIGHT));
            secondFromNetwork.add(capped.attempt("bob@example.test", ip("192.0.2.1"), Pacing.HOLD_ANSWER, () -> {
                thirdFromNetwork.add(capped.attempt("carol@example.test", ip("192.0.2.1"), Pacing.HOLD_ANSWER, RIGHT));
                return Optional.empty();
            }));
            return Optional.of("alice");
        });
        assertThat(secondForAccount).singleElement().isInstanceOf(LoginAttempt.Refused.class);
        assertThat(secondFromNetwork).singleElement().isInstanceOf(LoginAttempt.Rejected.class);
        assertThat(thirdFromNetwork).singleElement().isInstanceOf(LoginAttempt.Refused.class);
        assertThat(capped.attempt("alice@example.test", ip("192.0.2.2"), Pacing.HOLD_ANSWER, RIGHT))
                .as("the slot is free again").isInstanceOf(LoginAttempt.Accepted.class);
    }

    @Test
    void aFailedAttemptStaysInFlightWhileItsDelayRuns() {
        LoginThrottle capped = new LoginThrottle(policy.withFreeFailures(0, 10).withMaxConcurrent(1, 10), now::get);
        assertThat(delayOf(capped.attempt("alice@example.test", ip("192.0.2.1"), Pacing.HOLD_ANSWER, WRONG)))
                .isEqualTo(Duration.ofSeconds(1));
        advance(Duration.ofMillis(400));
        assertThat(capped.attempt("alice@example.test", ip("192.0.2.2"), Pacing.HOLD_ANSWER, RIGHT))
                .isEqualTo(new LoginAttempt.Refused<>(Duration.ofMillis(600)));
        advance(Duration.ofMillis(600));
        assertThat(capped.attempt("alice@example.test", ip("192.0.2.2"), Pacing.HOLD_ANSWER, RIGHT))
                .isInstanceOf(LoginAttempt.Accepted.class);
    }

    @Test
    void overHttpANetworkWhoseDelayRunsIsRefusedUncheckedAndFailuresAreAnsweredAtOnce() {
        for (int i = 0; i < 10; i++) {
            assertThat(delayOf(throttle.attempt("u" + i + "@example.test", ip("192.0.2.7"), Pacing.REFUSE_WHILE_WAITING,
                    WRONG))).isZero();
        }
        assertThat(delayOf(throttle.attempt("x@example.test", ip("192.0.2.7"), Pacing.REFUSE_WHILE_WAITING, WRONG)))
                .as("the 11th failure starts the network's delay, but is answered at once").isZero();
        advance(Duration.ofMillis(300));
        assertThat(throttle.attempt("alice@example.test", ip("192.0.2.7"), Pacing.REFUSE_WHILE_WAITING, RIGHT))
                .isEqualTo(new LoginAttempt.Refused<>(Duration.ofMillis(700)));
        advance(Duration.ofMillis(700));
        assertThat(throttle.attempt("alice@example.test", ip("192.0.2.7"), Pacing.REFUSE_WHILE_WAITING, RIGHT))
                .isInstanceOf(LoginAttempt.Accepted.class);
    }

    @Test
    void parallelAttemptsOverHttpAreCountedWhenAdmittedSoFewPassTheCheck() throws Exception {
        LoginThrottle http = new LoginThrottle(policy.withMaxConcurrent(1000, 1000), now::get);
        int threads = 32;
        int admissible = 11; // the free failures per network, and the one that starts its delay
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<LoginAttempt<String>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> http.attempt("u@example.test", ip("192.0.2.8"), Pacing.REFUSE_WHILE_WAITING,
                        () -> {
                            try {
                                release.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return Optional.empty();
                        })));
            }
            // the others are refused while every admitted check is still running
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (results.stream().filter(Future::isDone).count() < threads - admissible && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            List<Future<LoginAttempt<String>>> done = results.stream().filter(Future::isDone).toList();
            assertThat(done).hasSize(threads - admissible);
            for (Future<LoginAttempt<String>> result : done) {
                assertThat(result.get()).isInstanceOf(LoginAttempt.Refused.class);
            }
            release.countDown();
            int rejected = 0;
            for (Future<LoginAttempt<String>> result : results) {
                rejected += result.get(10, TimeUnit.SECONDS) instanceof LoginAttempt.Rejected ? 1 : 0;
            }
            assertThat(rejected).isEqualTo(admissible);
            assertThat(http.failuresFrom(ip("192.0.2.8"))).isEqualTo(admissible);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aCheckThatThrowsIsNotCounted() {
        assertThatThrownBy(() -> throttle.attempt("alice@example.test", ip("192.0.2.1"), Pacing.HOLD_ANSWER, () -> {
            throw new IllegalStateException("store down");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(throttle.failures("alice@example.test")).isZero();
        assertThat(throttle.failuresFrom(ip("192.0.2.1"))).isZero();
    }

    @Test
    void manyDistinctNamesDoNotGrowTheThrottlePastItsCap() {
        LoginThrottle bounded = new LoginThrottle(policy.withMaxEntries(100).withFreeFailures(3, 1_000_000), now::get);
        for (int i = 0; i < 20_000; i++) {
            bounded.attempt("guess" + i + "-" + "x".repeat(i % 50) + "@example.test", ip("192.0.2.9"),
                    Pacing.HOLD_ANSWER, WRONG);
        }
        assertThat(bounded.trackedKeys()).isLessThanOrEqualTo(101);
    }

    @Test
    void withoutABaseDelayFailuresAreCountedButNeverDelayed() {
        LoginThrottle undelayed = new LoginThrottle(policy.withDelays(Duration.ZERO, Duration.ZERO, Duration.ZERO), now::get);
        for (int i = 0; i < 100; i++) {
            assertThat(delayOf(undelayed.attempt("x@example.test", ip("192.0.2.3"), Pacing.HOLD_ANSWER, WRONG))).isZero();
        }
        assertThat(undelayed.failures("X@example.test")).isEqualTo(100);
    }
}

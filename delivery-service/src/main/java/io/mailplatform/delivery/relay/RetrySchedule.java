package io.mailplatform.delivery.relay;

import io.mailplatform.delivery.config.RelayProperties;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait after a failed attempt (RFC 5321 §4.5.4.1: at least 30 minutes is suggested, we start
 * lower and grow): {@code first-delay × multiplier^(n-1)} after the n-th failed attempt, at most
 * {@code max-delay}, moved by up to ± {@code jitter} of itself.
 */
public final class RetrySchedule {
    private final RelayProperties.Retry settings;
    private final RandomGenerator random;

    public RetrySchedule(RelayProperties.Retry settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /** The wait before the next attempt, after {@code failedAttempts} (at least 1) attempts failed. */
    public Duration delay(int failedAttempts) {
        double millis = settings.firstDelay().toMillis() * Math.pow(settings.multiplier(), Math.max(0, failedAttempts - 1));
        millis = Math.min(millis, settings.maxDelay().toMillis());
        double shift = settings.jitter() == 0 ? 0 : (random.nextDouble() * 2 - 1) * settings.jitter();
        return Duration.ofMillis(Math.round(millis * (1 + shift)));
    }
}

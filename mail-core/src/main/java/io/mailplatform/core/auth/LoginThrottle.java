package io.mailplatform.core.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing, per account and per client IP address. Each key gets a few free
 * failures within a window; after that every further failure doubles the delay the session must
 * wait before it answers a login attempt (from {@code baseDelay} up to {@code maxDelay}). A
 * success clears the account's and the address's record. Counters are per process: with several
 * instances an attacker gets each instance's allowance, which still bounds the rate.
 */
public final class LoginThrottle {
    private final int freeFailuresPerAccount;
    private final int freeFailuresPerAddress;
    private final long baseDelayNanos;
    private final long maxDelayNanos;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int freeFailuresPerAccount, int freeFailuresPerAddress, Duration baseDelay, Duration maxDelay,
            Duration window) {
        this(freeFailuresPerAccount, freeFailuresPerAddress, baseDelay, maxDelay, window, System::nanoTime);
    }

    LoginThrottle(int freeFailuresPerAccount, int freeFailuresPerAddress, Duration baseDelay, Duration maxDelay,
            Duration window, LongSupplier clock) {
        this.freeFailuresPerAccount = freeFailuresPerAccount;
        this.freeFailuresPerAddress = freeFailuresPerAddress;
        this.baseDelayNanos = baseDelay.toNanos();
        this.maxDelayNanos = maxDelay.toNanos();
        this.windowNanos = window.toNanos();
        this.clock = clock;
    }

    /** A throttle that never delays (tests, development). */
    public static LoginThrottle disabled() {
        return new LoginThrottle(Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1));
    }

    /** How long to wait before answering an attempt for this account from this address. */
    public Duration delay(String account, InetAddress address) {
        long now = clock.getAsLong();
        long delay = Math.max(delayOf(accountKey(account), freeFailuresPerAccount, now),
                delayOf(addressKey(address), freeFailuresPerAddress, now));
        return Duration.ofNanos(delay);
    }

    /**
     * What is left of the delay that the latest failure started, for protocols that refuse an
     * attempt outright instead of holding their answer back (HTTP: 429 with Retry-After).
     */
    public Duration remainingWait(String account, InetAddress address) {
        long now = clock.getAsLong();
        long wait = Math.max(remainingOf(accountKey(account), freeFailuresPerAccount, now),
                remainingOf(addressKey(address), freeFailuresPerAddress, now));
        return Duration.ofNanos(wait);
    }

    public void failed(String account, InetAddress address) {
        long now = clock.getAsLong();
        record(accountKey(account), now);
        record(addressKey(address), now);
        if (failures.size() > 100_000) {
            failures.values().removeIf(f -> now - f.since() > windowNanos);
        }
    }

    public void succeeded(String account, InetAddress address) {
        failures.remove(accountKey(account));
        failures.remove(addressKey(address));
    }

    private long delayOf(String key, int free, long now) {
        Failures record = failures.get(key);
        if (record == null || now - record.since() > windowNanos || record.count() <= free) {
            return 0;
        }
        int excess = Math.min(record.count() - free - 1, 30);
        return Math.min(maxDelayNanos, baseDelayNanos << excess);
    }

    private long remainingOf(String key, int free, long now) {
        Failures record = failures.get(key);
        long delay = delayOf(key, free, now);
        return record == null ? 0 : Math.max(0, delay - (now - record.last()));
    }

    private void record(String key, long now) {
        failures.compute(key, (k, old) -> old == null || now - old.since() > windowNanos
                ? new Failures(1, now, now) : new Failures(old.count() + 1, old.since(), now));
    }

    private static String accountKey(String account) {
        return "a:" + (account == null ? "" : account.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(InetAddress address) {
        return "i:" + (address == null ? "" : address.getHostAddress());
    }

    private record Failures(int count, long since, long last) {
    }
}

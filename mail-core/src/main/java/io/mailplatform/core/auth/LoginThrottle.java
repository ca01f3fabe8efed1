package io.mailplatform.core.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Slows down password guessing, per account and per client network, for every protocol.
 *
 * <p>Failures are counted per account (under the key authentication finds it by, so no spelling
 * gets a fresh counter) and per client network (an IPv4 address, an IPv6 /64), within a window.
 * After the free failures, each further failure doubles the delay, from {@code baseDelay}: up to
 * {@code maxDelay} for a network, but only up to {@code maxAccountDelay} for an account, so a trickle
 * of bad guesses from many networks slows an account but never locks its owner out. A failed
 * attempt's answer waits out the larger of the two delays; a successful one is answered at once
 * and clears the account's count (not the network's: logging in to one's own account must not wipe
 * the record of guesses at others).
 *
 * <p>An attempt is in flight from its admission until its password is checked and, if it failed,
 * until its delay has passed. At most {@code maxConcurrentPerAccount} and
 * {@code maxConcurrentPerAddress} attempts may be in flight; more are refused unchecked, a temporary
 * failure. This bounds the guessing rate even of clients that open many connections, and the
 * password hashing one network can cause. Admission, counting and the in-flight count change
 * together under one lock, so parallel attempts cannot all pass before the first failure is
 * counted: each attempt is counted as a failure when admitted, and a success takes that back.
 *
 * <p>Memory is bounded: at most {@code maxEntries} accounts and as many networks are tracked
 * (W-TinyLFU eviction, which keeps the often-hit records of an attack rather than a flood of
 * one-off names), idle ones expire after the window, and keys are at most a few hundred characters.
 * Counters are per process: with several instances an attacker gets each instance's allowance,
 * which still bounds the rate.
 */
public final class LoginThrottle {

    /** How a protocol applies a delay. */
    public enum Pacing {
        /** Mail protocols: every admitted attempt is checked and a failure's answer is held back by the delay. */
        HOLD_ANSWER,
        /**
         * HTTP, whose requests are not held: an attempt from a network whose delay still runs is refused
         * unchecked (429 with Retry-After); failures are answered at once.
         */
        REFUSE_WHILE_WAITING
    }

    /**
     * The throttle's settings.
     *
     * @param freeFailuresPerAccount failures per account within the window before delays start
     * @param freeFailuresPerAddress failures per client network within the window before delays start
     * @param baseDelay the first delay, doubled by each further failure; zero: no delays (counting and the
     *        in-flight caps still apply)
     * @param maxDelay the longest delay a client network gets
     * @param maxAccountDelay the longest delay an account's failures cause (never more than {@code maxDelay})
     * @param window how long failures are remembered
     * @param maxConcurrentPerAccount attempts for one account in flight at once
     * @param maxConcurrentPerAddress attempts from one client network in flight at once
     * @param maxEntries accounts, and client networks, tracked at most
     * @param ipv6PrefixLength the bits of an IPv6 address that name one client network
     */
    public record Policy(int freeFailuresPerAccount, int freeFailuresPerAddress, Duration baseDelay, Duration maxDelay,
            Duration maxAccountDelay, Duration window, int maxConcurrentPerAccount, int maxConcurrentPerAddress,
            int maxEntries, int ipv6PrefixLength) {

        public static final Policy DEFAULTS = new Policy(5, 20, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofMinutes(15), 8, 16, 100_000, 64);

        public Policy {
            if (freeFailuresPerAccount < 0 || freeFailuresPerAddress < 0 || maxConcurrentPerAccount < 1
                    || maxConcurrentPerAddress < 1 || maxEntries < 1 || ipv6PrefixLength < 0 || ipv6PrefixLength > 128
                    || baseDelay.isNegative() || maxDelay.isNegative() || maxAccountDelay.isNegative()
                    || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("invalid login throttle policy " + this);
            }
        }

        public Policy withFreeFailures(int perAccount, int perAddress) {
            return new Policy(perAccount, perAddress, baseDelay, maxDelay, maxAccountDelay, window,
                    maxConcurrentPerAccount, maxConcurrentPerAddress, maxEntries, ipv6PrefixLength);
        }

        public Policy withDelays(Duration base, Duration max, Duration maxForAccount) {
            return new Policy(freeFailuresPerAccount, freeFailuresPerAddress, base, max, maxForAccount, window,
                    maxConcurrentPerAccount, maxConcurrentPerAddress, maxEntries, ipv6PrefixLength);
        }

        public Policy withMaxConcurrent(int perAccount, int perAddress) {
            return new Policy(freeFailuresPerAccount, freeFailuresPerAddress, baseDelay, maxDelay, maxAccountDelay,
                    window, perAccount, perAddress, maxEntries, ipv6PrefixLength);
        }

        public Policy withMaxEntries(int entries) {
            return new Policy(freeFailuresPerAccount, freeFailuresPerAddress, baseDelay, maxDelay, maxAccountDelay,
                    window, maxConcurrentPerAccount, maxConcurrentPerAddress, entries, ipv6PrefixLength);
        }
    }

    private final Policy policy;
    private final long baseDelayNanos;
    private final long maxAddressDelayNanos;
    private final long maxAccountDelayNanos;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Cache<String, Tally> accounts;
    private final Cache<String, Tally> addresses;
    /** Totals since start, for the meters: failed checks, and attempts refused unchecked. */
    private final LongAdder totalFailures = new LongAdder();
    private final LongAdder totalRefused = new LongAdder();

    public LoginThrottle(Policy policy) {
        this(policy, System::nanoTime);
    }

    LoginThrottle(Policy policy, LongSupplier clock) {
        this.policy = policy;
        this.baseDelayNanos = policy.baseDelay().toNanos();
        this.maxAddressDelayNanos = policy.maxDelay().toNanos();
        this.maxAccountDelayNanos = Math.min(policy.maxAccountDelay().toNanos(), maxAddressDelayNanos);
        this.windowNanos = policy.window().toNanos();
        this.clock = clock;
        this.accounts = records(policy, clock);
        this.addresses = records(policy, clock);
    }

    private static Cache<String, Tally> records(Policy policy, LongSupplier clock) {
        Duration idle = policy.window();
        for (Duration delay : new Duration[] {policy.maxDelay(), policy.maxAccountDelay()}) {
            idle = delay.compareTo(idle) > 0 ? delay : idle; // a record lives at least as long as its delays
        }
        // maintenance runs on the calling thread, under this throttle's lock: no background work
        return Caffeine.newBuilder().maximumSize(policy.maxEntries()).expireAfterAccess(idle)
                .ticker(clock::getAsLong).executor(Runnable::run).build();
    }

    public Policy policy() {
        return policy;
    }

    /**
     * Runs one login attempt for {@code name} from {@code client}: admits it (or refuses it unchecked),
     * runs {@code check} (the password check, empty when the credentials are wrong) outside the lock,
     * and records the verdict. A check that throws is not counted.
     */
    public <T> LoginAttempt<T> attempt(String name, InetAddress client, Pacing pacing, Supplier<Optional<T>> check) {
        Admission admission = admit(LoginKeys.account(name), LoginKeys.client(client, policy.ipv6PrefixLength()), pacing);
        if (admission instanceof Denied denied) {
            totalRefused.increment();
            return new LoginAttempt.Refused<>(denied.retryAfter());
        }
        Admitted admitted = (Admitted) admission;
        Optional<T> result;
        try {
            result = check.get();
        } catch (RuntimeException | Error e) {
            release(admitted, Verdict.NONE);
            throw e;
        }
        if (result.isPresent()) {
            release(admitted, Verdict.SUCCEEDED);
            return new LoginAttempt.Accepted<>(result.get());
        }
        release(admitted, Verdict.FAILED);
        totalFailures.increment();
        return new LoginAttempt.Rejected<>(pacing == Pacing.HOLD_ANSWER
                ? Duration.ofNanos(Math.max(admitted.accountDelay(), admitted.addressDelay())) : Duration.ZERO);
    }

    /** Failures counted for the account this name finds, within the window. */
    public synchronized int failures(String name) {
        Tally record = accounts.getIfPresent(LoginKeys.account(name));
        return record == null ? 0 : record.current(clock.getAsLong(), windowNanos);
    }

    /** Failures counted for the client network of this address, within the window. */
    public synchronized int failuresFrom(InetAddress client) {
        Tally record = addresses.getIfPresent(LoginKeys.client(client, policy.ipv6PrefixLength()));
        return record == null ? 0 : record.current(clock.getAsLong(), windowNanos);
    }

    /** Failed login checks since start, every protocol and account together. */
    public long totalFailures() {
        return totalFailures.sum();
    }

    /** Login attempts refused without a check since start (too many in flight, or still to wait). */
    public long totalRefused() {
        return totalRefused.sum();
    }

    /** How many accounts and client networks are tracked now (at most twice {@code maxEntries}). */
    public synchronized long trackedKeys() {
        accounts.cleanUp();
        addresses.cleanUp();
        return accounts.estimatedSize() + addresses.estimatedSize();
    }

    private synchronized Admission admit(String accountKey, String clientKey, Pacing pacing) {
        long now = clock.getAsLong();
        Tally account = accounts.get(accountKey, k -> new Tally());
        Tally address = addresses.get(clientKey, k -> new Tally());
        if (pacing == Pacing.REFUSE_WHILE_WAITING) {
            long wait = delay(address.current(now, windowNanos), policy.freeFailuresPerAddress(), maxAddressDelayNanos)
                    - (now - address.last);
            if (wait > 0) {
                return new Denied(Duration.ofNanos(wait));
            }
        }
        account.expireBusy(now);
        address.expireBusy(now);
        if (account.inFlight() >= policy.maxConcurrentPerAccount()) {
            return new Denied(account.retryAfter(now));
        }
        if (address.inFlight() >= policy.maxConcurrentPerAddress()) {
            return new Denied(address.retryAfter(now));
        }
        long accountSince = account.charge(now, windowNanos);
        long addressSince = address.charge(now, windowNanos);
        account.checking++;
        address.checking++;
        return new Admitted(account, accountSince,
                delay(account.failures, policy.freeFailuresPerAccount(), maxAccountDelayNanos),
                address, addressSince,
                delay(address.failures, policy.freeFailuresPerAddress(), maxAddressDelayNanos));
    }

    private enum Verdict { SUCCEEDED, FAILED, NONE }

    private synchronized void release(Admitted admitted, Verdict verdict) {
        long now = clock.getAsLong();
        admitted.account().checking--;
        admitted.address().checking--;
        switch (verdict) {
            case FAILED -> {
                admitted.account().busyUntil(now, admitted.accountDelay());
                admitted.address().busyUntil(now, admitted.addressDelay());
            }
            case SUCCEEDED -> {
                admitted.account().failures = 0;
                admitted.address().uncharge(admitted.addressSince());
            }
            case NONE -> {
                admitted.account().uncharge(admitted.accountSince());
                admitted.address().uncharge(admitted.addressSince());
            }
        }
    }

    /** Zero for the free failures, then {@code baseDelay} doubled per further failure, up to {@code max}. */
    private long delay(int failures, int free, long max) {
        if (failures <= free || baseDelayNanos == 0) {
            return 0;
        }
        int doublings = failures - free - 1;
        return doublings >= 62 || baseDelayNanos > (max >>> doublings) ? max : Math.min(max, baseDelayNanos << doublings);
    }

    private sealed interface Admission permits Admitted, Denied {
    }

    /** An admitted attempt: the tallies it was counted in and the delays its failure would cause. */
    private record Admitted(Tally account, long accountSince, long accountDelay, Tally address, long addressSince,
            long addressDelay) implements Admission {
    }

    /** A refused attempt, and when a retry may succeed. */
    private record Denied(Duration retryAfter) implements Admission {
    }

    /** The failures counted under one key and its attempts in flight; guarded by the throttle's lock. */
    private static final class Tally {
        private static final long NO_WAIT_HINT = Duration.ofSeconds(1).toNanos();

        int failures;
        long since;
        long last;
        int checking;
        long[] busy = new long[0];
        int busyCount;

        int current(long now, long window) {
            return failures > 0 && now - since <= window ? failures : 0;
        }

        /** Counts one failure; returns the start of the window it was counted in. */
        long charge(long now, long window) {
            if (current(now, window) == 0) {
                failures = 0;
                since = now;
            }
            failures++;
            last = now;
            return since;
        }

        /** Takes back a failure counted at admission, if its window is still the current one. */
        void uncharge(long chargedSince) {
            if (since == chargedSince && failures > 0) {
                failures--;
            }
        }

        int inFlight() {
            return checking + busyCount;
        }

        void busyUntil(long now, long delay) {
            if (delay <= 0) {
                return;
            }
            long deadline = now + delay;
            if (busyCount == busy.length) {
                busy = Arrays.copyOf(busy, Math.max(4, busy.length * 2));
            }
            busy[busyCount++] = deadline;
        }

        void expireBusy(long now) {
            int kept = 0;
            for (int i = 0; i < busyCount; i++) {
                if (busy[i] - now > 0) {
                    busy[kept++] = busy[i];
                }
            }
            busyCount = kept;
        }

        /** When the first slot frees up; a second when all are taken by attempts still being checked. */
        Duration retryAfter(long now) {
            long first = Long.MAX_VALUE;
            for (int i = 0; i < busyCount; i++) {
                first = Math.min(first, busy[i] - now);
            }
            return Duration.ofNanos(first == Long.MAX_VALUE ? NO_WAIT_HINT : first);
        }
    }
}

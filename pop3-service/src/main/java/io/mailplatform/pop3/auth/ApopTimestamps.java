package io.mailplatform.pop3.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The timestamp in the greeting that APOP digests (RFC 1939 §7): a msg-id {@code <pid.clock.nonce@host>}
 * that must differ for every greeting, or a recorded APOP digest could be replayed.
 */
@FunctionalInterface
public interface ApopTimestamps {

    /** Random octets in every timestamp: 96 bits, so two greetings anywhere never share one. */
    int NONCE_OCTETS = 12;

    String next();

    /** Timestamps for this host on the system clock; see {@link #unique(String, Clock)}. */
    static ApopTimestamps unique(String hostname) {
        return unique(hostname, Clock.systemUTC());
    }

    /**
     * Timestamps from the process id, a clock that never repeats a value within this instance
     * (milliseconds, moved on by one when two greetings fall in the same millisecond), a nonce from
     * {@link SecureRandom} and the host name. Process id, clock and host name alone do not keep
     * instances apart: containers all run as pid 1, replicas often share a host name, and two of them
     * can greet in the same millisecond; the nonce does, and makes the timestamp unpredictable.
     */
    static ApopTimestamps unique(String hostname, Clock clock) {
        long pid = ProcessHandle.current().pid();
        AtomicLong last = new AtomicLong();
        SecureRandom random = new SecureRandom();
        HexFormat hex = HexFormat.of();
        return () -> {
            long millis = last.updateAndGet(previous -> Math.max(previous + 1, clock.millis()));
            byte[] nonce = new byte[NONCE_OCTETS];
            random.nextBytes(nonce);
            return "<" + pid + "." + millis + "." + hex.formatHex(nonce) + "@" + hostname + ">";
        };
    }
}

package io.mailplatform.pop3.auth;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The timestamp in the greeting that APOP digests (RFC 1939 §7): a msg-id {@code <pid.clock@host>}
 * that must differ for every greeting, or a recorded APOP digest could be replayed.
 */
@FunctionalInterface
public interface ApopTimestamps {

    String next();

    /**
     * Timestamps from the process id, a clock that never repeats a value (milliseconds, moved on by
     * one when two greetings fall in the same millisecond) and the host name; process id and host
     * name keep instances apart.
     */
    static ApopTimestamps clock(String hostname) {
        long pid = ProcessHandle.current().pid();
        AtomicLong last = new AtomicLong();
        return () -> {
            long clock = last.updateAndGet(previous -> Math.max(previous + 1, System.currentTimeMillis()));
            return "<" + pid + "." + clock + "@" + hostname + ">";
        };
    }
}

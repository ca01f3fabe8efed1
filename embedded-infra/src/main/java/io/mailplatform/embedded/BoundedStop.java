package io.mailplatform.embedded;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one shutdown step on a thread of its own and waits for it at most a given time. A step that
 * hangs (a broker waiting in its controlled shutdown) is left behind: the process goes on stopping
 * and exits, which ends the step too; its data is recovered on the next start, as after a crash.
 */
public final class BoundedStop {
    private static final Logger log = LoggerFactory.getLogger(BoundedStop.class);

    private BoundedStop() {
    }

    /** Whether {@code step} finished within {@code timeout}; a failure of the step is logged, and counts as finished. */
    public static boolean run(String name, Duration timeout, Runnable step) {
        Thread thread = new Thread(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                log.warn("stopping {} failed: {}", name, e.toString());
            }
        }, "stop-" + name.replace(' ', '-'));
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("{} did not stop within {}; going on without it", name, timeout);
            return false;
        }
        return true;
    }
}

package io.mailplatform.testsupport.fuzz;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The two checks every fuzzing property makes besides "only the typed protocol error escapes": an
 * input is handled within a bounded time, and a result is bounded by the size of its input.
 */
public final class Fuzz {
    /**
     * A hang guard, not a performance assertion: an input that takes this long loops or backtracks
     * without bound (every parser here handles its inputs in well under a millisecond).
     */
    public static final Duration HANG_GUARD = Duration.ofSeconds(5);

    /**
     * One reused worker thread (JUnit's assertTimeoutPreemptively starts a thread per call, which
     * costs more than the parsing); replaced when work overruns the guard.
     */
    private static ExecutorService worker = newWorker();

    private Fuzz() {
    }

    /** Work that may throw a checked protocol error, such as a parser call. */
    @FunctionalInterface
    public interface Work<T, E extends Throwable> {
        T run() throws E;
    }

    /**
     * Runs {@code work} on another thread and fails if it has not finished within
     * {@link #HANG_GUARD}; whatever {@code work} throws (a StackOverflowError too) is rethrown as it is.
     */
    public static synchronized <T, E extends Throwable> T bounded(Work<T, E> work) throws E {
        Future<Outcome<T>> future = worker.submit(() -> {
            try {
                return new Outcome<>(work.run(), null);
            } catch (Throwable thrown) {
                return new Outcome<>(null, thrown);
            }
        });
        Outcome<T> outcome;
        try {
            outcome = future.get(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError("input not handled within " + HANG_GUARD.toSeconds() + " s (hang guard)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
        if (outcome.thrown() != null) {
            throw Fuzz.<E>sneaky(outcome.thrown());
        }
        return outcome.value();
    }

    private record Outcome<T>(T value, Throwable thrown) {
    }

    /** Rethrows what the work threw as it is; the compiler knows only {@code E} of it. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable thrown) throws E {
        throw (E) thrown;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fuzz-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Fails unless {@code size} (characters or elements of a result) is at most linear in the input:
     * {@code perOctet * inputLength + constant}. A parser that allocates more than that for some
     * input lets a client multiply its memory use.
     */
    public static void assertLinear(String what, long size, int inputLength, int perOctet, int constant) {
        long limit = (long) perOctet * inputLength + constant;
        if (size > limit) {
            throw new AssertionError(what + " is " + size + " for an input of " + inputLength + " octets (limit "
                    + limit + ")");
        }
    }
}

package io.mailplatform.delivery.dns;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Bounds how many queries are out at once. A query beyond the bound waits its turn in order of
 * arrival; one that waited longer than it could ever have taken fails without being sent, so a
 * resolver that stopped answering does not build an ever longer queue.
 */
final class QueryLimiter {
    private final int permits;
    private final long maxWaitNanos;
    private final LongSupplier nanoTime;
    private final Deque<Waiting<?>> waiting = new ArrayDeque<>();
    private int active;

    private record Waiting<T>(Supplier<CompletableFuture<T>> task, CompletableFuture<T> result, long since) {
    }

    QueryLimiter(int permits, long maxWaitNanos, LongSupplier nanoTime) {
        this.permits = permits;
        this.maxWaitNanos = maxWaitNanos;
        this.nanoTime = nanoTime;
    }

    /** Runs {@code task} once a slot is free; the slot is held until the task's future completes. */
    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        synchronized (this) {
            if (active >= permits) {
                waiting.addLast(new Waiting<>(task, result, nanoTime.getAsLong()));
                return result;
            }
            active++;
        }
        run(task, result);
        return result;
    }

    private <T> void run(Supplier<CompletableFuture<T>> task, CompletableFuture<T> result) {
        CompletableFuture<T> running;
        try {
            running = task.get();
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        running.whenComplete((value, error) -> {
            release();
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(error);
            }
        });
    }

    private void release() {
        while (true) {
            Waiting<?> next;
            synchronized (this) {
                next = waiting.pollFirst();
                if (next == null) {
                    active--;
                    return;
                }
            }
            if (nanoTime.getAsLong() - next.since() > maxWaitNanos) {
                next.result().completeExceptionally(new DnsException("too many DNS queries waiting"));
                continue; // the slot passes on to the next one
            }
            start(next);
            return;
        }
    }

    private <T> void start(Waiting<T> next) {
        run(next.task(), next.result());
    }

    /** Queries out now (for tests and metrics). */
    synchronized int active() {
        return active;
    }
}

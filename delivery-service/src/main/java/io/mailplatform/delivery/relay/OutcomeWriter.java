package io.mailplatform.delivery.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the outcomes of finished jobs on one thread of its own, as many as are waiting in one go
 * (group commit): a sender hands its job's outcome over and goes on with the next job at once
 * instead of waiting for a database transaction per message. With one destination and many small
 * messages that transaction, not SMTP, was what each sender waited for (README, "Relay"). A job's
 * future completes once its outcome is written (or the write failed, and the entries are tried
 * again after their lease).
 */
final class OutcomeWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);

    /** Writes outcomes (of several jobs at once); never throws. */
    interface Sink {
        void write(List<Long> ids, List<Settled> settled);
    }

    private record Pending(List<Long> ids, List<Settled> settled, CompletableFuture<Void> written) {
    }

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Sink sink;
    private final int maxBatch;
    private final Thread thread;
    private volatile boolean closed;

    /** @param maxBatch most recipients written in one transaction */
    OutcomeWriter(String name, Sink sink, int maxBatch) {
        this.sink = sink;
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an outcome; the future completes once it is written. */
    CompletableFuture<Void> submit(List<Long> ids, List<Settled> settled) {
        Pending pending = new Pending(ids, settled, new CompletableFuture<>());
        if (closed) {
            pending.written().complete(null); // stopping: the entries stay leased and are released
            return pending.written();
        }
        queue.add(pending);
        return pending.written();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            int recipients = batch.get(0).settled().size();
            Pending next;
            while (recipients < maxBatch && (next = queue.poll()) != null) {
                batch.add(next);
                recipients += next.settled().size();
            }
            write(batch);
            batch.clear();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.written().complete(null));
    }

    private void write(List<Pending> batch) {
        List<Long> ids = new ArrayList<>();
        List<Settled> settled = new ArrayList<>();
        for (Pending pending : batch) {
            ids.addAll(pending.ids());
            settled.addAll(pending.settled());
        }
        try {
            sink.write(ids, settled);
        } catch (RuntimeException e) {
            log.error("writing the outcome of {} failed; they are tried again after their lease", ids, e);
        } finally {
            batch.forEach(p -> p.written().complete(null));
        }
    }

    /** Writes nothing more; outcomes not written yet are left (their entries stay leased). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}

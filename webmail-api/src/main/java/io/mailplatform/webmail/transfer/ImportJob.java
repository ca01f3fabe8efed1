package io.mailplatform.webmail.transfer;

import io.mailplatform.store.transfer.ImportJobRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One import, as its progress is reported: the state, messages done of the total, messages that
 * could not be imported and why. Written by the one thread that runs it, read by any.
 */
public final class ImportJob {
    /** INTERRUPTED: its instance stopped while it was queued or running (it is not resumed). */
    public enum State { QUEUED, RUNNING, DONE, FAILED, INTERRUPTED;

        boolean ended() {
            return this != QUEUED && this != RUNNING;
        }
    }

    private final String id;
    private final String account;
    private final Instant created = Instant.now();
    private final int maxErrors;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> errors = new ArrayList<>();
    private volatile State state = State.QUEUED;
    private volatile long total = -1;
    private volatile Instant finished;
    private volatile String failure;

    public ImportJob(String id, String account, int maxErrors) {
        this.id = id;
        this.account = account;
        this.maxErrors = maxErrors;
    }

    /** What the job API shows. */
    public record View(String id, String account, State state, long total, long done, long failed, List<String> errors,
            String failure, Instant created, Instant finished) {

        static View of(ImportJobRecord stored) {
            return new View(stored.id(), stored.account(), State.valueOf(stored.state()), stored.total(), stored.done(),
                    stored.failed(), stored.errors(), stored.failure(), stored.created(), stored.finished());
        }

        ImportJobRecord record() {
            return new ImportJobRecord(id, account, state.name(), total, done, failed, errors, failure, created, finished);
        }
    }

    public String id() {
        return id;
    }

    public synchronized View view() {
        return new View(id, account, state, total, done.get(), failed.get(), List.copyOf(errors), failure, created, finished);
    }

    void running(long total) {
        this.total = total;
        this.state = State.RUNNING;
    }

    void imported() {
        done.incrementAndGet();
    }

    synchronized void skipped(String error) {
        failed.incrementAndGet();
        if (errors.size() < maxErrors) {
            errors.add(error);
        }
    }

    void finished() {
        finished = Instant.now();
        state = State.DONE;
    }

    void failed(String why) {
        failure = why;
        finished = Instant.now();
        state = State.FAILED;
    }

    /** This instance stops before the job ended. */
    void interrupted(String why) {
        if (!state.ended()) {
            failure = why;
            finished = Instant.now();
            state = State.INTERRUPTED;
        }
    }

    boolean ended() {
        return state.ended();
    }
}

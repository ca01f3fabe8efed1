package io.mailplatform.webmail.transfer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One import, as its progress is reported: the state, messages done of the total, messages that
 * could not be imported and why. Written by the one thread that runs it, read by any.
 */
public final class ImportJob {
    public enum State { QUEUED, RUNNING, DONE, FAILED }

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
}

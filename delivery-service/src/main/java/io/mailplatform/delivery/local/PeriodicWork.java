package io.mailplatform.delivery.local;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Background work of the delivery service: runs on its own daemon thread with a fixed delay
 * between runs, from the application's start to its stop; a failed run is logged and the next one
 * comes at its time, so a database outage does not stop the work for good.
 */
public abstract class PeriodicWork implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PeriodicWork.class);

    private final String name;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    protected PeriodicWork(String name, Duration interval) {
        this.name = name;
        this.interval = interval;
    }

    /** One run of the work. */
    protected abstract void runPeriodically();

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        long period = interval.toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                runPeriodically();
            } catch (RuntimeException e) {
                log.warn("{} failed, next try in {}: {}", name, interval, e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}

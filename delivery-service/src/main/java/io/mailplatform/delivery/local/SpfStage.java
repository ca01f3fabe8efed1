package io.mailplatform.delivery.local;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.delivery.spf.SpfIdentityCheck;
import io.mailplatform.delivery.spf.SpfOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Checks SPF for the messages of a batch in parallel, and waits for them at most
 * {@code mail.delivery.spf.batch-wait}: a check still running then goes on in the background (until
 * it is done or reaches {@code check-timeout}, which makes it temperror) while the batch stores what is
 * ready. Checks of the same identities (client address, MAIL FROM, HELO) share one run, so a message
 * that comes again joins its check instead of starting another; a finished check stays available
 * for {@value #HANDOFF_SECONDS} s for that. Mail from authenticated submissions is not checked: its
 * sender proved who it is.
 */
@Component
public class SpfStage implements DisposableBean {
    /** How long a finished check's outcome is kept for the message that waited for it. */
    static final long HANDOFF_SECONDS = 10;

    private record Identity(String client, String reversePath, String helo) {
        static Identity of(Envelope envelope) {
            return new Identity(envelope.clientAddress(), envelope.reversePath(), envelope.heloName());
        }
    }

    private final SpfIdentityCheck check;
    private final boolean enabled;
    private final Duration batchWait;
    private final ExecutorService executor;
    private final ConcurrentMap<Identity, CompletableFuture<SpfOutcome>> checks = new ConcurrentHashMap<>();

    public SpfStage(SpfIdentityCheck check, DeliveryProperties properties) {
        this.check = check;
        this.enabled = properties.spf().enabled();
        this.batchWait = properties.spf().batchWait();
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(properties.spf().threads(), r -> {
            Thread thread = new Thread(r, "spf-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One state per message, in batch order. */
    public List<SpfState> check(List<InboundMail> batch) {
        List<CompletableFuture<SpfOutcome>> futures = new ArrayList<>(batch.size());
        for (InboundMail mail : batch) {
            boolean applies = enabled && mail.envelope().authenticatedUser() == null;
            futures.add(applies ? running(mail.envelope()) : null);
        }
        try {
            CompletableFuture.allOf(futures.stream().filter(f -> f != null).toArray(CompletableFuture[]::new))
                    .get(batchWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the checks not done by now stay running; the others are used below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking SPF", e);
        }
        List<SpfState> states = new ArrayList<>(batch.size());
        for (CompletableFuture<SpfOutcome> future : futures) {
            if (future == null) {
                states.add(SpfState.NOT_CHECKED);
            } else if (future.isDone()) {
                states.add(new SpfState.Checked(future.join()));
            } else {
                states.add(SpfState.RUNNING);
            }
        }
        return states;
    }

    /** The check of this envelope's identities: the one already running or just finished, or a new one. */
    private CompletableFuture<SpfOutcome> running(Envelope envelope) {
        Identity identity = Identity.of(envelope);
        CompletableFuture<SpfOutcome> mine = new CompletableFuture<>();
        CompletableFuture<SpfOutcome> existing = checks.putIfAbsent(identity, mine);
        if (existing != null) {
            return existing;
        }
        try {
            executor.execute(() -> finish(identity, mine, envelope));
        } catch (RejectedExecutionException e) {
            finish(identity, mine, SpfIdentityCheck.unfinished(envelope, "SPF checks are shut down"));
        }
        return mine;
    }

    private void finish(Identity identity, CompletableFuture<SpfOutcome> future, Envelope envelope) {
        SpfOutcome outcome;
        try {
            outcome = check.check(envelope);
        } catch (RuntimeException e) {
            outcome = SpfIdentityCheck.unfinished(envelope, "SPF check failed: " + e);
        }
        finish(identity, future, outcome);
    }

    private void finish(Identity identity, CompletableFuture<SpfOutcome> future, SpfOutcome outcome) {
        future.complete(outcome);
        CompletableFuture.delayedExecutor(HANDOFF_SECONDS, TimeUnit.SECONDS).execute(() -> checks.remove(identity, future));
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}

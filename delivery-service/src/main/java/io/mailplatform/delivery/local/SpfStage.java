package io.mailplatform.delivery.local;

import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.delivery.spf.SpfIdentityCheck;
import io.mailplatform.delivery.spf.SpfOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Checks SPF for the messages of a batch in parallel (DNS waits overlap). Mail from authenticated
 * submissions is not checked: its sender proved who it is. The whole stage ends within one check
 * timeout: checks still running then count as temperror, so a DNS outage delays a batch by at most
 * {@code mail.delivery.spf.check-timeout} and never stalls the consumer past its poll interval.
 */
@Component
public class SpfStage implements DisposableBean {
    private final SpfIdentityCheck check;
    private final boolean enabled;
    private final ExecutorService executor;
    private final long stageTimeoutNanos;

    public SpfStage(SpfIdentityCheck check, DeliveryProperties properties) {
        this.check = check;
        this.enabled = properties.spf().enabled();
        // both identities of a message may each take a whole check timeout
        this.stageTimeoutNanos = properties.spf().checkTimeout().multipliedBy(2).plusSeconds(1).toNanos();
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(properties.spf().threads(), r -> {
            Thread thread = new Thread(r, "spf-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One outcome per message, null where no check applies. */
    public List<SpfOutcome> check(List<InboundMail> batch) {
        List<CompletableFuture<SpfOutcome>> futures = new ArrayList<>(batch.size());
        for (InboundMail mail : batch) {
            if (!enabled || mail.envelope().authenticatedUser() != null) {
                futures.add(CompletableFuture.completedFuture(null));
            } else {
                futures.add(CompletableFuture.supplyAsync(() -> check.check(mail.envelope()), executor));
            }
        }
        long deadline = System.nanoTime() + stageTimeoutNanos;
        List<SpfOutcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < futures.size(); i++) {
            CompletableFuture<SpfOutcome> future = futures.get(i);
            try {
                outcomes.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                future.cancel(true);
                outcomes.add(SpfIdentityCheck.unfinished(batch.get(i).envelope(), "SPF check did not finish in time"));
            } catch (ExecutionException e) {
                outcomes.add(SpfIdentityCheck.unfinished(batch.get(i).envelope(), "SPF check failed: " + e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking SPF", e);
            }
        }
        return outcomes;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}

package io.mailplatform.delivery.local;

import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.delivery.spf.SpfIdentityCheck;
import io.mailplatform.delivery.spf.SpfOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Checks SPF for the messages of a batch in parallel (DNS waits overlap). Mail from authenticated
 * submissions is not checked: its sender proved who it is.
 */
@Component
public class SpfStage implements DisposableBean {
    private final SpfIdentityCheck check;
    private final boolean enabled;
    private final ExecutorService executor;

    public SpfStage(SpfIdentityCheck check, DeliveryProperties properties) {
        this.check = check;
        this.enabled = properties.spf().enabled();
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
        return futures.stream().map(CompletableFuture::join).toList();
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}

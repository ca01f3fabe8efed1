package io.mailplatform.delivery.local;

import io.mailplatform.core.arc.ArcResult;
import io.mailplatform.core.arc.ArcVerifier;
import io.mailplatform.core.dkim.DkimResult;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.core.dmarc.DmarcOutcome;
import io.mailplatform.core.dmarc.DmarcRecord;
import io.mailplatform.delivery.dkim.ArcCheck;
import io.mailplatform.delivery.dkim.DkimCheck;
import io.mailplatform.delivery.dkim.DmarcCheck;
import io.mailplatform.delivery.spf.SpfIdentityCheck;
import io.mailplatform.delivery.spf.SpfOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
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
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Checks SPF, DKIM, ARC and then DMARC (which needs SPF and DKIM) for the messages of a batch in parallel, and waits for them at most
 * {@code mail.delivery.spf.batch-wait}: a check still running then goes on in the background (SPF
 * until it is done or reaches {@code check-timeout}, which makes it temperror; DKIM until its key
 * look-ups are answered or time out) while the batch stores what is ready. SPF checks of the same
 * identities (client address, MAIL FROM, HELO) share one run, DKIM and DMARC checks of the same envelope too,
 * so a message that comes again joins its checks instead of starting others; a finished check stays
 * available for {@value #HANDOFF_SECONDS} s for that. Mail from authenticated submissions is not
 * checked: its sender proved who it is.
 */
@Component
public class AuthenticationStage implements DisposableBean {
    /** How long a finished check's outcome is kept for the message that waited for it. */
    static final long HANDOFF_SECONDS = 10;

    private record Identity(String client, String reversePath, String helo) {
        static Identity of(Envelope envelope) {
            return new Identity(envelope.clientAddress(), envelope.reversePath(), envelope.heloName());
        }
    }

    private final SpfIdentityCheck spf;
    private final DkimCheck dkim;
    private final DmarcCheck dmarc;
    private final ArcCheck arc;
    private final boolean spfEnabled;
    private final boolean dkimEnabled;
    private final boolean dmarcEnabled;
    private final boolean arcEnabled;
    private final Duration batchWait;
    private final ExecutorService executor;
    private final SharedChecks<Identity, SpfOutcome> spfChecks = new SharedChecks<>();
    private final SharedChecks<String, List<DkimResult>> dkimChecks = new SharedChecks<>();
    private final SharedChecks<String, DmarcOutcome> dmarcChecks = new SharedChecks<>();
    private final SharedChecks<String, ArcResult> arcChecks = new SharedChecks<>();

    public AuthenticationStage(SpfIdentityCheck spf, DkimCheck dkim, DmarcCheck dmarc, ArcCheck arc,
            DeliveryProperties properties) {
        this.spf = spf;
        this.dkim = dkim;
        this.dmarc = dmarc;
        this.arc = arc;
        this.spfEnabled = properties.spf().enabled();
        this.dkimEnabled = properties.dkim().enabled();
        this.dmarcEnabled = properties.dmarc().enabled();
        this.arcEnabled = properties.arc().enabled();
        this.batchWait = properties.spf().batchWait();
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(properties.spf().threads(), r -> {
            Thread thread = new Thread(r, "sender-auth-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One state per message, in batch order. */
    public List<AuthenticationState> check(List<InboundMail> batch) {
        List<CompletableFuture<SpfOutcome>> spfFutures = new ArrayList<>(batch.size());
        List<CompletableFuture<List<DkimResult>>> dkimFutures = new ArrayList<>(batch.size());
        List<CompletableFuture<DmarcOutcome>> dmarcFutures = new ArrayList<>(batch.size());
        List<CompletableFuture<ArcResult>> arcFutures = new ArrayList<>(batch.size());
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (InboundMail mail : batch) {
            Envelope envelope = mail.envelope();
            boolean unauthenticated = envelope.authenticatedUser() == null;
            CompletableFuture<SpfOutcome> spfFuture = spfEnabled && unauthenticated
                    ? spfChecks.run(Identity.of(envelope), () -> spf.check(envelope),
                            problem -> SpfIdentityCheck.unfinished(envelope, "SPF check failed: " + problem))
                    : null;
            CompletableFuture<List<DkimResult>> dkimFuture = !dkimEnabled || !unauthenticated ? null
                    : !DkimCheck.signed(mail.message()) ? CompletableFuture.completedFuture(List.of())
                    : dkimChecks.run(envelope.id(), () -> dkim.verify(mail.message()),
                            problem -> List.of(new DkimResult(DkimResult.Verdict.TEMPERROR, "DKIM check failed: " + problem,
                                    null, 0)));
            CompletableFuture<DmarcOutcome> dmarcFuture = dmarcEnabled && unauthenticated
                    ? dmarcChecks.shared(envelope.id(), () -> orNull(spfFuture).thenCombine(orNull(dkimFuture), Inputs::new)
                            .thenApplyAsync(inputs -> dmarc.evaluate(mail.message(), inputs.spf(), inputs.dkim()), executor)
                            .exceptionally(e -> new DmarcOutcome(DmarcOutcome.Result.TEMPERROR, null, null,
                                    DmarcRecord.Policy.NONE, "DMARC check failed")))
                    : null;
            CompletableFuture<ArcResult> arcFuture = !arcEnabled || !unauthenticated ? null
                    : !ArcVerifier.sealed(mail.message()) ? CompletableFuture.completedFuture(ArcResult.NONE)
                    : arcChecks.run(envelope.id(), () -> arc.verify(mail.message()),
                            problem -> new ArcResult(ArcResult.ChainValidation.FAIL, 0, null, "ARC check failed: " + problem));
            spfFutures.add(spfFuture);
            dkimFutures.add(dkimFuture);
            dmarcFutures.add(dmarcFuture);
            arcFutures.add(arcFuture);
            for (CompletableFuture<?> future : Arrays.asList(spfFuture, dkimFuture, dmarcFuture, arcFuture)) {
                if (future != null) {
                    all.add(future);
                }
            }
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(batchWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the checks not done by now stay running; the others are used below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking SPF and DKIM", e);
        }
        List<AuthenticationState> states = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            List<CompletableFuture<?>> mine = Arrays.asList(spfFutures.get(i), dkimFutures.get(i), dmarcFutures.get(i),
                    arcFutures.get(i));
            if (mine.stream().allMatch(Objects::isNull)) {
                states.add(AuthenticationState.NOT_CHECKED);
            } else if (mine.stream().anyMatch(future -> future != null && !future.isDone())) {
                states.add(AuthenticationState.RUNNING);
            } else {
                states.add(new AuthenticationState.Checked(joined(spfFutures.get(i)), joined(dkimFutures.get(i)),
                        joined(dmarcFutures.get(i)), joined(arcFutures.get(i))));
            }
        }
        return states;
    }

    private record Inputs(SpfOutcome spf, List<DkimResult> dkim) {
    }

    private static <T> CompletableFuture<T> orNull(CompletableFuture<T> future) {
        return future == null ? CompletableFuture.completedFuture(null) : future;
    }

    private static <T> T joined(CompletableFuture<T> future) {
        return future == null ? null : future.join();
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** Checks in flight or just finished, by key, so that a second asker joins the first one's run. */
    private final class SharedChecks<K, V> {
        private final ConcurrentMap<K, CompletableFuture<V>> checks = new ConcurrentHashMap<>();

        /** The check of this key: the one already running or just finished, or a new one of {@code work}. */
        CompletableFuture<V> run(K key, Supplier<V> work, Function<String, V> failure) {
            return shared(key, () -> {
                try {
                    return CompletableFuture.supplyAsync(work, executor)
                            .exceptionally(e -> failure.apply((e.getCause() == null ? e : e.getCause()).toString()));
                } catch (RejectedExecutionException e) {
                    return CompletableFuture.completedFuture(failure.apply("checks are shut down"));
                }
            });
        }

        /** The check of this key: the one already running or just finished, or the one {@code start} begins. */
        CompletableFuture<V> shared(K key, Supplier<CompletableFuture<V>> start) {
            CompletableFuture<V> mine = new CompletableFuture<>();
            CompletableFuture<V> existing = checks.putIfAbsent(key, mine);
            if (existing != null) {
                return existing;
            }
            start.get().whenComplete((outcome, failure) -> {
                if (failure != null) {
                    mine.completeExceptionally(failure);
                } else {
                    mine.complete(outcome);
                }
                CompletableFuture.delayedExecutor(HANDOFF_SECONDS, TimeUnit.SECONDS).execute(() -> checks.remove(key, mine));
            });
            return mine;
        }
    }
}

package io.mailplatform.delivery.support;

import io.mailplatform.delivery.consume.BatchCommitListener;
import io.mailplatform.delivery.local.InboundMail;
import io.mailplatform.store.mailbox.BatchDeliveryResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Simulates a crash of the delivery service in the window between the PostgreSQL commit and the
 * Kafka offset commit: when armed for an envelope, the batch that committed it stops the consumer
 * container and fails, so the offsets are never committed.
 */
public class CrashSwitch implements BatchCommitListener {
    private final KafkaListenerEndpointRegistry registry;
    private final AtomicReference<String> watched = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
    public final List<BatchDeliveryResult> seen = new CopyOnWriteArrayList<>();

    CrashSwitch(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    /** Crashes once, on the first batch holding this envelope; records every batch holding it. */
    public void arm(String envelopeId) {
        watched.set(envelopeId);
        armed.set(true);
    }

    /** Thrown after the database commit, in place of the process dying. */
    public static class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated crash after the database commit");
        }
    }

    @Override
    public void committed(List<InboundMail> batch, BatchDeliveryResult result) {
        String target = watched.get();
        if (target == null || batch.stream().noneMatch(m -> m.envelope().id().equals(target))) {
            return;
        }
        seen.add(result);
        if (!armed.compareAndSet(true, false)) {
            return;
        }
        MessageListenerContainer container = registry.getListenerContainer("inbound");
        Thread stopper = new Thread(container::stop, "crash-stopper");
        stopper.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (container.isRunning() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        // index 0: nothing of this batch is acknowledged; the stopping consumer closes without committing its offsets
        throw new BatchListenerFailedException("simulated crash", new SimulatedCrash(), 0);
    }
}

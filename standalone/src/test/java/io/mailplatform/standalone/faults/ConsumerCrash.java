package io.mailplatform.standalone.faults;

import io.mailplatform.delivery.consume.BatchCommitListener;
import io.mailplatform.delivery.local.InboundMail;
import io.mailplatform.store.mailbox.BatchDeliveryResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The delivery consumer dies in the worst window, after its PostgreSQL transaction committed and
 * before its Kafka offsets are committed: when armed, the next batch stops the consumer container and
 * fails, so that batch's records come again to whichever consumer starts next.
 */
final class ConsumerCrash implements BatchCommitListener {
    static final String CONTAINER = "inbound";
    private final KafkaListenerEndpointRegistry registry;
    private final AtomicBoolean armed = new AtomicBoolean();
    final AtomicInteger crashes = new AtomicInteger();

    ConsumerCrash(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    void arm() {
        armed.set(true);
    }

    boolean armed() {
        return armed.get();
    }

    /** Disarms; false if it had fired already. */
    boolean disarm() {
        return armed.compareAndSet(true, false);
    }

    MessageListenerContainer container() {
        return registry.getListenerContainer(CONTAINER);
    }

    @Override
    public void committed(List<InboundMail> batch, BatchDeliveryResult result) {
        if (!armed.compareAndSet(true, false)) {
            return;
        }
        crashes.incrementAndGet();
        MessageListenerContainer container = container();
        new Thread(container::stop, "consumer-crash").start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (container.isRunning() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        // nothing of the batch is acknowledged: the stopping consumer leaves without committing its offsets
        throw new BatchListenerFailedException("simulated crash after the database commit", 0);
    }
}

package io.mailplatform.delivery.consume;

import io.mailplatform.delivery.local.InboundMail;
import io.mailplatform.store.mailbox.BatchDeliveryResult;
import java.util.List;

/**
 * Told about each batch after its PostgreSQL transaction committed and before its Kafka offsets
 * are committed (metrics, tests that stop the consumer in exactly that window).
 */
public interface BatchCommitListener {
    void committed(List<InboundMail> batch, BatchDeliveryResult result);
}

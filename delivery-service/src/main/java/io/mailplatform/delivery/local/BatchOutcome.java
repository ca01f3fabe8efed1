package io.mailplatform.delivery.local;

import io.mailplatform.store.mailbox.BatchDeliveryResult;
import java.util.List;

/**
 * What became of a batch.
 *
 * @param delivered the messages handled in the committed transaction
 * @param result what the store did with them
 * @param firstWaiting the index of the first message not handled because its SPF check is still
 *        running, or -1 when every message was handled; it and everything after it must come again
 */
public record BatchOutcome(List<InboundMail> delivered, BatchDeliveryResult result, int firstWaiting) {

    public BatchOutcome {
        delivered = List.copyOf(delivered);
    }

    /** Whether every message of the batch was handled. */
    public boolean complete() {
        return firstWaiting < 0;
    }
}

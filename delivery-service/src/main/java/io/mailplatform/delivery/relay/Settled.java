package io.mailplatform.delivery.relay;

import io.mailplatform.store.relay.OutboundAttempt;
import java.util.List;

/**
 * The outcome of one attempt for one queued recipient, with what each host tried said.
 *
 * @param mail the recipient
 * @param disposition what became of it
 * @param attempts one per host tried (none when no host was tried)
 */
record Settled(QueuedMail mail, Disposition disposition, List<OutboundAttempt> attempts) {

    Settled {
        attempts = List.copyOf(attempts);
    }
}

package io.mailplatform.delivery.relay;

import io.mailplatform.delivery.dsn.DsnPlanner;
import io.mailplatform.delivery.relay.smtp.SmtpClient;
import io.mailplatform.delivery.route.RecipientResolver;
import io.mailplatform.store.jdbc.StoreTransactions;
import io.mailplatform.store.mailbox.MailboxDelivery;
import io.mailplatform.store.mailbox.MessageContents;
import io.mailplatform.store.relay.RelayQueue;

/**
 * What a {@link RelayWorker} works with: the queue and the contents in the store, routing, the SMTP
 * client, and the delivery path its reports take (a report to a local sender is stored here, one
 * to a remote sender queued).
 *
 * @param maxConnections connections the client may open at once: the most senders running at once
 * @param metrics the relay's counters
 * @param tlsSessions told of the sessions under an MTA-STS policy (TLS reports)
 */
public record RelayParts(RelayQueue queue, MessageContents messageContents, NextHopResolver hops, SmtpClient client,
        int maxConnections, RetrySchedule schedule, MailboxDelivery store, StoreTransactions transactions,
        RecipientResolver resolver, DsnPlanner dsn, RelayMetrics metrics, TlsSessionListener tlsSessions) {

    /** Without TLS reports. */
    public RelayParts(RelayQueue queue, MessageContents messageContents, NextHopResolver hops, SmtpClient client,
            int maxConnections, RetrySchedule schedule, MailboxDelivery store, StoreTransactions transactions,
            RecipientResolver resolver, DsnPlanner dsn, RelayMetrics metrics) {
        this(queue, messageContents, hops, client, maxConnections, schedule, store, transactions, resolver, dsn, metrics,
                TlsSessionListener.NONE);
    }
}

package io.mailplatform.delivery.relay.smtp;

import io.mailplatform.delivery.config.RelayClientProperties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open SMTP session with one server, ready for mail transactions: one at a time, as many in a row
 * as the caller likes (RSET between them, RFC 5321 §4.1.1.5). {@link #isUsable()} tells whether it
 * can take another; {@link #close()} says QUIT. Pooling (how long to keep it, how many per
 * destination) is the caller's business.
 */
public final class SmtpConnection {
    private final SmtpChannel channel;
    private final EhloExtensions extensions;
    private final TlsSession tls;
    private final RelayClientProperties.Timeouts timeouts;
    private final Executor contentThreads;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger transactions = new AtomicInteger();

    SmtpConnection(SmtpChannel channel, EhloExtensions extensions, TlsSession tls, RelayClientProperties.Timeouts timeouts,
            Executor contentThreads) {
        this.channel = channel;
        this.extensions = extensions;
        this.tls = tls;
        this.timeouts = timeouts;
        this.contentThreads = contentThreads;
    }

    public RemoteHost host() {
        return channel.host();
    }

    /** What the server announced in its (last) EHLO reply; none after HELO. */
    public EhloExtensions extensions() {
        return extensions;
    }

    /** The TLS session, or null for a plaintext connection. */
    public TlsSession tls() {
        return tls;
    }

    /** Transactions started on this connection so far. */
    public int transactionCount() {
        return transactions.get();
    }

    /** Whether another transaction may be sent: open, not failed, none in progress. */
    public boolean isUsable() {
        return !busy.get() && channel.isUsable();
    }

    /**
     * Sends one transaction. The future never fails for the remote's or the network's sake: every
     * recipient gets an outcome. Calling this while a transaction is in progress is a programming
     * error (the future fails with {@link IllegalStateException}).
     */
    public CompletableFuture<TransactionResult> send(OutboundTransaction transaction) {
        if (!busy.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new IllegalStateException("a transaction is already in progress"));
        }
        boolean first = transactions.getAndIncrement() == 0;
        return new TransactionRunner(channel, extensions, timeouts, contentThreads, transaction, !first).run()
                .whenComplete((result, thrown) -> busy.set(false));
    }

    /**
     * Ends the session: QUIT (RFC 5321 §4.1.1.10) if the connection is still usable, waiting at most
     * the quit timeout for the reply, then closes it. A transaction in progress is cut off (the
     * server discards it). Completes when closed; never fails.
     */
    public CompletableFuture<Void> close() {
        return busy.get() ? channel.close() : channel.quit(timeouts.quit());
    }
}

package io.mailplatform.delivery.relay.smtp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a message a chunk at a time on a content thread and hands each chunk to a sender, reading
 * the next only once the sender's future says the previous one is gone: one chunk in flight per
 * connection, whatever the message's size. A chunk that cannot be read fails the connection
 * (closing it without the final dot, so the server discards the partial message, RFC 5321 §4.1.1.4)
 * and the transfer with {@link FailureKind#CONTENT_UNREADABLE}.
 */
final class ContentStreamer {
    private static final Logger log = LoggerFactory.getLogger(ContentStreamer.class);

    private final MessageContent content;
    private final Executor contentThreads;
    private final SmtpChannel channel;
    private final Function<byte[], CompletableFuture<Void>> sender;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private MessageContent.Chunks chunks;

    /**
     * @param sender sends one chunk (called on a content thread); its future completes when the
     *        chunk is written, or fails
     */
    ContentStreamer(MessageContent content, Executor contentThreads, SmtpChannel channel,
            Function<byte[], CompletableFuture<Void>> sender) {
        this.content = content;
        this.contentThreads = contentThreads;
        this.channel = channel;
        this.sender = sender;
    }

    /** Sends every chunk; completes when the last is written. */
    CompletableFuture<Void> run() {
        submit(() -> {
            try {
                chunks = content.open();
            } catch (Exception e) {
                unreadable(e);
                return;
            }
            next();
        });
        return done;
    }

    /** One step: read a chunk, send it, and when it is gone come back for the next. */
    private void next() {
        byte[] chunk;
        try {
            chunk = chunks.next();
        } catch (Exception e) {
            unreadable(e);
            return;
        }
        if (chunk == null) {
            closeChunks();
            done.complete(null);
            return;
        }
        CompletableFuture<Void> sent;
        try {
            sent = sender.apply(chunk);
        } catch (RuntimeException e) {
            closeChunks();
            done.completeExceptionally(e);
            return;
        }
        sent.whenComplete((ignored, failed) -> {
            if (failed != null) {
                closeChunks();
                done.completeExceptionally(failed);
            } else {
                submit(this::next);
            }
        });
    }

    private void submit(Runnable step) {
        try {
            contentThreads.execute(step);
        } catch (RejectedExecutionException e) {
            unreadable(e);
        }
    }

    private void unreadable(Exception cause) {
        log.warn("cannot read a message to send to {}: {}", channel.host(), cause.toString());
        SmtpFailure failure = SmtpFailure.temporary(FailureKind.CONTENT_UNREADABLE, "4.3.0",
                "the message could not be read: " + cause.getMessage());
        channel.fail(failure);
        closeChunks();
        done.completeExceptionally(new SmtpFailureException(failure));
    }

    private void closeChunks() {
        if (chunks == null) {
            return;
        }
        try {
            chunks.close();
        } catch (Exception e) {
            log.debug("closing a message reader failed", e);
        }
        chunks = null;
    }
}

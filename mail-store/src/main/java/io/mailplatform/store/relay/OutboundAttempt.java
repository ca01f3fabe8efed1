package io.mailplatform.store.relay;

import java.time.Instant;

/**
 * What one host said to one queued recipient (or why no host was reached), kept while the recipient
 * waits in the queue.
 *
 * @param attemptedAt when
 * @param host the server tried, {@code mx.example.org[192.0.2.1]:25}, or null when none was reached
 * @param status the RFC 3463 status of the outcome
 * @param reply the remote server's reply, or what went wrong
 */
public record OutboundAttempt(Instant attemptedAt, String host, String status, String reply) {
}

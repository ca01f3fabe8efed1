package io.mailplatform.delivery.relay.smtp;

import io.mailplatform.core.smtp.EnhancedStatusCode;
import java.util.Objects;

/**
 * Why mail did not get through, in the terms a delivery status notification needs (RFC 3464): the
 * RFC 3463 status, whether retrying can help, and the remote's reply when there was one.
 *
 * @param kind what went wrong
 * @param permanent true when the same attempt will fail again (a DSN, no retry); false when a later
 *        attempt, or another host of the destination, may succeed
 * @param status the RFC 3463 status, class 5 when permanent, 4 otherwise
 * @param reply the remote server's reply that said so, or null when we decided (timeout, size, ...)
 * @param detail what happened, naming the host, for logs and the queue's last error
 */
public record SmtpFailure(FailureKind kind, boolean permanent, EnhancedStatusCode status, SmtpReply reply,
        String detail) {

    public SmtpFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        if (status.statusClass() != (permanent ? 5 : 4)) {
            throw new IllegalArgumentException("status " + status + " does not match permanent=" + permanent);
        }
    }

    /**
     * A failure the remote server reported with a reply: permanent for 5yz, temporary otherwise,
     * with the reply's own enhanced status when it sent one.
     */
    public static SmtpFailure refused(FailureKind kind, SmtpReply reply, String detail) {
        return byReply(kind, reply.isPermanentFailure(), reply, detail);
    }

    /**
     * A failure reported with a reply but classified by us, e.g. a 5yz greeting that is still worth
     * trying again later or at another host; the status keeps the reply's subject and detail.
     */
    public static SmtpFailure byReply(FailureKind kind, boolean permanent, SmtpReply reply, String detail) {
        EnhancedStatusCode status = reply.status();
        if (status.statusClass() != (permanent ? 5 : 4)) {
            status = status.withClass(permanent ? 5 : 4);
        }
        return new SmtpFailure(kind, permanent, status, reply, detail);
    }

    /** A temporary failure we saw ourselves (no reply): network, timeout, protocol. */
    public static SmtpFailure temporary(FailureKind kind, String status, String detail) {
        return new SmtpFailure(kind, false, EnhancedStatusCode.of(status), null, detail);
    }

    /** A permanent failure we decided ourselves, without sending (size, missing extension). */
    public static SmtpFailure permanent(FailureKind kind, String status, String detail) {
        return new SmtpFailure(kind, true, EnhancedStatusCode.of(status), null, detail);
    }

    /**
     * The RFC 3464 §2.3.6 {@code Diagnostic-Code} value, {@code smtp; 550 5.1.1 ...}, or null when
     * no remote reply was involved.
     */
    public String diagnosticCode() {
        return reply == null ? null : "smtp; " + reply;
    }

    /** One line for logs and the queue's last error: what happened and the remote's reply. */
    @Override
    public String toString() {
        return reply == null ? detail + " (" + status + ")" : detail + ": " + reply;
    }
}

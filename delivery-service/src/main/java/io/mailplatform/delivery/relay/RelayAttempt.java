package io.mailplatform.delivery.relay;

import io.mailplatform.delivery.relay.smtp.RecipientOutcome;
import io.mailplatform.delivery.relay.smtp.RecipientResult;
import io.mailplatform.delivery.relay.smtp.RemoteHost;
import io.mailplatform.delivery.relay.smtp.SmtpFailure;
import io.mailplatform.delivery.relay.smtp.SmtpReply;
import io.mailplatform.delivery.relay.smtp.TransactionResult;
import io.mailplatform.store.relay.OutboundAttempt;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One attempt of a job over the hosts of its destination: what each host said to each recipient,
 * and what is left to send. Recipients leave when a host takes them or refuses them for good; the
 * others stay for the next host, then for a later attempt.
 */
final class RelayAttempt {
    private final RelayJob job;
    private final Clock clock;
    private final RelayMetrics metrics;
    private final Map<QueuedMail, Disposition> settled = new LinkedHashMap<>();
    private final Map<QueuedMail, List<OutboundAttempt>> attempts = new LinkedHashMap<>();
    private final Map<QueuedMail, Failure> lastFailure = new LinkedHashMap<>();

    private record Failure(RemoteHost host, SmtpFailure failure) {
    }

    RelayAttempt(RelayJob job, Clock clock, RelayMetrics metrics) {
        this.job = job;
        this.clock = clock;
        this.metrics = metrics;
        for (QueuedMail mail : job.mails()) {
            attempts.put(mail, new ArrayList<>());
        }
    }

    /** The recipients no host has taken or refused for good yet, in the job's order. */
    List<QueuedMail> pending() {
        return job.mails().stream().filter(m -> !settled.containsKey(m)).toList();
    }

    /** No session with this host: every pending recipient records the failure. */
    void connectionFailed(RemoteHost host, SmtpFailure failure) {
        List<QueuedMail> pending = pending();
        metrics.attempted(RelayMetrics.Result.of(failure), pending.size());
        for (QueuedMail mail : pending) {
            failed(mail, host, failure);
        }
    }

    /**
     * The result of a transaction for {@code sent}, in their order. Returns true when the host dealt
     * with the message (took or refused some recipient for good): the others wait for a later attempt
     * rather than going to the next host (RFC 5321 §4.5.4.1 moves on only from a host that could
     * not take the mail at all).
     */
    boolean sent(List<QueuedMail> sent, TransactionResult result) {
        boolean dealt = false;
        List<RecipientResult> recipients = result.recipients();
        for (int i = 0; i < sent.size(); i++) {
            QueuedMail mail = sent.get(i);
            RecipientResult recipient = recipients.get(i);
            metrics.attempted(recipient.delivered() ? RelayMetrics.Result.SUCCESS
                    : RelayMetrics.Result.of(recipient.failure()), 1);
            if (recipient.delivered()) {
                SmtpReply reply = ((RecipientOutcome.Delivered) recipient.outcome()).reply();
                settled.put(mail, new Disposition.Delivered(result.host(), reply, result.dsnPassedOn()));
                dealt = true;
            } else if (recipient.failure().permanent()) {
                SmtpFailure failure = recipient.failure();
                attempts.get(mail).add(attempt(result.host(), failure));
                settled.put(mail, new Disposition.Failed(failure.status().toString(), diagnostic(failure),
                        failure.reply() == null ? null : result.host().name()));
                dealt = true;
            } else {
                failed(mail, result.host(), recipient.failure());
            }
        }
        return dealt;
    }

    /** Whether any host was tried (a stopping relay may end a job before its first). */
    boolean tried() {
        return !settled.isEmpty() || !lastFailure.isEmpty();
    }

    /** Every recipient's outcome: the pending ones failed for now, or for good if the last host said so. */
    List<Settled> settle() {
        List<Settled> out = new ArrayList<>();
        for (QueuedMail mail : job.mails()) {
            Disposition disposition = settled.get(mail);
            if (disposition == null) {
                Failure last = lastFailure.get(mail);
                if (last == null) { // no host was tried: an internal failure before the first
                    out.add(new Settled(mail, new Disposition.Deferred("4.3.0", "not attempted", null, "not attempted"),
                            attempts.get(mail)));
                    continue;
                }
                SmtpFailure failure = last.failure();
                String remoteMta = failure.reply() == null ? null : last.host().name();
                disposition = failure.permanent()
                        ? new Disposition.Failed(failure.status().toString(), diagnostic(failure), remoteMta)
                        : new Disposition.Deferred(failure.status().toString(), diagnostic(failure), remoteMta,
                                failure.toString());
            }
            out.add(new Settled(mail, disposition, attempts.get(mail)));
        }
        return out;
    }

    private void failed(QueuedMail mail, RemoteHost host, SmtpFailure failure) {
        attempts.get(mail).add(attempt(host, failure));
        lastFailure.put(mail, new Failure(host, failure));
    }

    private OutboundAttempt attempt(RemoteHost host, SmtpFailure failure) {
        return new OutboundAttempt(clock.instant(), host.toString(), failure.status().toString(), failure.toString());
    }

    /** The remote server's reply, as Diagnostic-Code wants it; what happened when there was none. */
    static String diagnostic(SmtpFailure failure) {
        return failure.reply() == null ? failure.toString() : failure.reply().toString();
    }
}

package io.mailplatform.delivery.relay;

import io.mailplatform.delivery.relay.smtp.MessageContent;
import io.mailplatform.delivery.relay.smtp.OutboundTransaction;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One message for some recipients of one domain: one SMTP transaction, if the first host takes it.
 * Its recipients share the envelope, the reverse path and the content.
 *
 * @param hop where it goes
 * @param mails the recipients, at least one
 * @param content the message, streamed from the store
 * @param done completed once the outcome is recorded
 */
record RelayJob(NextHop hop, List<QueuedMail> mails, MessageContent content, CompletableFuture<Void> done) {

    RelayJob {
        mails = List.copyOf(mails);
    }

    /** The transaction for those of its recipients still to send (RFC 3461 parameters from the envelope). */
    OutboundTransaction transaction(List<QueuedMail> recipients) {
        QueuedMail first = recipients.get(0);
        var envelope = first.envelope();
        return new OutboundTransaction(first.row().reversePath(), recipients.stream().map(QueuedMail::forwardPath).toList(),
                envelope.bodyType(), envelope.smtpUtf8(), envelope.dsnReturn(), envelope.dsnEnvelopeId(), content);
    }

    List<Long> ids() {
        return mails.stream().map(m -> m.row().id()).toList();
    }
}

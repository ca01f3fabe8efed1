package io.mailplatform.webmail.compose;

import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeId;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.core.envelope.ReceivedHeader;
import io.mailplatform.store.config.StoreProperties;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.kafka.InboundRecords;
import io.mailplatform.webmail.config.HttpProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Submits a composed message the way the SMTP gateway does for an authenticated session: an envelope
 * with the account as authenticated user (so delivery relays it, applies the sender's rules and sends
 * DSNs as for SMTP submission), a {@code Received} field in front, one record on {@code mail.inbound};
 * it returns only once Kafka acknowledged the record ({@code acks=all}).
 */
@Component
public class InboundSubmission {
    /** Room for the Received field and the record's own overhead on top of the message. */
    private static final long RECEIVED_ALLOWANCE = 64 * 1024;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String hostname;
    private final Duration timeout;

    public InboundSubmission(KafkaTemplate<String, byte[]> kafka, HttpProperties http, SendProperties properties,
            StoreProperties store) {
        // a message that cannot fit in a record could never be sent: refuse the setting at start, as the gateway does
        if (properties.maxMessageSize().toBytes() + RECEIVED_ALLOWANCE > store.maxMessageBytes()) {
            throw new IllegalStateException("mail.webmail.send.max-message-size (" + properties.maxMessageSize().toBytes()
                    + ") does not fit in a Kafka record of mail.store.max-message-bytes (" + store.maxMessageBytes() + ")");
        }
        this.kafka = kafka;
        this.hostname = http.hostname();
        this.timeout = properties.publishTimeout();
    }

    /**
     * @return the envelope id
     * @throws SubmissionUnavailableException when Kafka did not acknowledge in time
     */
    public String submit(Account account, ComposedMessage message, SubmissionClient client) {
        Envelope envelope = new Envelope(EnvelopeId.next(), message.from().toString(),
                message.recipients().stream().map(MailboxAddress::toString).map(EnvelopeRecipient::of).toList(),
                client.address(), null, account.address(), client.tls(), Instant.now(), BodyType.SEVEN_BIT, false,
                null, null);
        byte[] received = ReceivedHeader.render(envelope, hostname, client.protocol());
        byte[] value = new byte[received.length + message.raw().length];
        System.arraycopy(received, 0, value, 0, received.length);
        System.arraycopy(message.raw(), 0, value, received.length, message.raw().length);
        try {
            kafka.send(InboundRecords.of(envelope, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubmissionUnavailableException(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new SubmissionUnavailableException(e);
        }
        return envelope.id();
    }
}

package io.mailplatform.core.envelope;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope of one accepted message: the contract between the gateway and the delivery
 * service, carried beside the raw message in {@link MailTopics#INBOUND}.
 *
 * @param id envelope id, unique per accepted message; also the idempotency key for delivery
 * @param reversePath MAIL FROM address, or the empty string for the null reverse-path {@code <>}
 * @param recipients the RCPT TO forward paths, in the order accepted
 * @param clientAddress IP address of the SMTP client (after PROXY protocol, if any)
 * @param heloName the EHLO/HELO argument
 * @param authenticatedUser the SMTP AUTH identity, or null
 * @param tls TLS protocol and cipher of the session, or null for plaintext
 * @param receivedAt when the gateway accepted the message
 * @param bodyType the BODY= parameter
 * @param smtpUtf8 whether MAIL FROM carried SMTPUTF8
 * @param dsnReturn the RET= parameter, or null
 * @param dsnEnvelopeId the ENVID= parameter (xtext decoded), or null
 */
public record Envelope(
        String id,
        String reversePath,
        List<EnvelopeRecipient> recipients,
        String clientAddress,
        String heloName,
        String authenticatedUser,
        TlsInfo tls,
        Instant receivedAt,
        BodyType bodyType,
        boolean smtpUtf8,
        DsnReturn dsnReturn,
        String dsnEnvelopeId) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reversePath, "reversePath");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(bodyType, "bodyType");
    }

    public boolean isNullReversePath() {
        return reversePath.isEmpty();
    }

    /** TLS parameters of the session that received the message. */
    public record TlsInfo(String protocol, String cipherSuite) {
    }
}

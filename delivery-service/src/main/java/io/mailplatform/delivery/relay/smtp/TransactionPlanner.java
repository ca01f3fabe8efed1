package io.mailplatform.delivery.relay.smtp;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.EnvelopeRecipient;

/**
 * Decides, before anything is sent, what a transaction may ask of one server: which MAIL FROM
 * parameters go with it, and what must fail without being tried. Pure.
 * <ul>
 * <li>Larger than the server's {@code SIZE}: permanent, 5.3.4 (RFC 1870 §6.1).</li>
 * <li>{@code BODY=BINARYMIME} needs CHUNKING and BINARYMIME (RFC 3030 §3): otherwise permanent, 5.6.3,
 *     as we do not convert.</li>
 * <li>To a server without 8BITMIME only 7-bit text goes (RFC 6152 §3 allows no downgrade but
 *     conversion, which we do not do): 8-bit text fails, 5.6.3; 7-bit text goes without {@code BODY=}
 *     whatever it was received with.</li>
 * <li>A non-ASCII address, or UTF-8 in the header, needs SMTPUTF8 (RFC 6531 §3.2): otherwise
 *     permanent, 5.6.7. A message received with SMTPUTF8 whose addresses and header are ASCII goes
 *     without it.</li>
 * <li>DSN parameters go only to a server that offers DSN (RFC 3461 §4).</li>
 * </ul>
 */
final class TransactionPlanner {
    private final OutboundTransaction transaction;
    private final EhloExtensions extensions;
    private final RemoteHost host;

    TransactionPlanner(OutboundTransaction transaction, EhloExtensions extensions, RemoteHost host) {
        this.transaction = transaction;
        this.extensions = extensions;
        this.host = host;
    }

    /** The failure of the whole transaction that is known without reading the message, or null. */
    SmtpFailure envelopeFailure() {
        try {
            EnvelopeCommands.path(transaction.reversePath(), true);
        } catch (EnvelopeCommands.InvalidPathException e) {
            return SmtpFailure.permanent(FailureKind.INVALID_ENVELOPE, "5.1.7", "invalid sender address: " + e.getMessage());
        }
        long limit = extensions.sizeLimit();
        if (limit > 0 && transaction.content().size() > limit) {
            return SmtpFailure.permanent(FailureKind.MESSAGE_TOO_BIG, "5.3.4", "message of " + transaction.content().size()
                    + " octets exceeds the limit of " + limit + " octets of " + host);
        }
        if (transaction.bodyType() == BodyType.BINARY_MIME
                && !(extensions.supports(EhloExtensions.CHUNKING) && extensions.supports(EhloExtensions.BINARYMIME))) {
            return SmtpFailure.permanent(FailureKind.EXTENSION_MISSING, "5.6.3",
                    "binary message and " + host + " does not offer BINARYMIME with CHUNKING");
        }
        if (!extensions.supports(EhloExtensions.SMTPUTF8) && EnvelopeCommands.isInternational(transaction.reversePath())) {
            return SmtpFailure.permanent(FailureKind.EXTENSION_MISSING, "5.6.7",
                    "non-ASCII sender address and " + host + " does not offer SMTPUTF8");
        }
        return null;
    }

    /** The failure of one recipient that is known before sending, or null. */
    SmtpFailure recipientFailure(EnvelopeRecipient recipient) {
        try {
            EnvelopeCommands.path(recipient.address(), false);
        } catch (EnvelopeCommands.InvalidPathException e) {
            return SmtpFailure.permanent(FailureKind.INVALID_ENVELOPE, "5.1.3", "invalid recipient address: " + e.getMessage());
        }
        if (!extensions.supports(EhloExtensions.SMTPUTF8) && EnvelopeCommands.isInternational(recipient.address())) {
            return SmtpFailure.permanent(FailureKind.EXTENSION_MISSING, "5.6.7",
                    "non-ASCII recipient address and " + host + " does not offer SMTPUTF8");
        }
        return null;
    }

    /** Whether the message must be read once first, to see whether it may go to this server at all. */
    boolean needsScan() {
        boolean binary = transaction.bodyType() == BodyType.BINARY_MIME;
        return !binary && !extensions.supports(EhloExtensions.EIGHT_BIT_MIME)
                || transaction.smtpUtf8() && !extensions.supports(EhloExtensions.SMTPUTF8);
    }

    /** The failure the scanned text causes, or null. */
    SmtpFailure contentFailure(EightBitScan scan) {
        if (transaction.smtpUtf8() && !extensions.supports(EhloExtensions.SMTPUTF8) && scan.headerHas8Bit()) {
            return SmtpFailure.permanent(FailureKind.EXTENSION_MISSING, "5.6.7",
                    "UTF-8 header fields and " + host + " does not offer SMTPUTF8");
        }
        if (transaction.bodyType() != BodyType.BINARY_MIME && !extensions.supports(EhloExtensions.EIGHT_BIT_MIME)
                && scan.has8Bit()) {
            return SmtpFailure.permanent(FailureKind.EXTENSION_MISSING, "5.6.3",
                    "8-bit message and " + host + " does not offer 8BITMIME");
        }
        return null;
    }

    EnvelopeCommands.MailParameters mailParameters() {
        long size = extensions.supports(EhloExtensions.SIZE) ? transaction.content().size() : 0;
        BodyType body = transaction.bodyType() == BodyType.BINARY_MIME ? BodyType.BINARY_MIME
                : extensions.supports(EhloExtensions.EIGHT_BIT_MIME) ? transaction.bodyType() : null;
        boolean smtpUtf8 = extensions.supports(EhloExtensions.SMTPUTF8) && (transaction.smtpUtf8()
                || EnvelopeCommands.isInternational(transaction.reversePath())
                || transaction.recipients().stream().anyMatch(r -> EnvelopeCommands.isInternational(r.address())));
        return new EnvelopeCommands.MailParameters(size, body, smtpUtf8, dsnPassedOn());
    }

    boolean dsnPassedOn() {
        return extensions.supports(EhloExtensions.DSN);
    }

    /** RFC 3030: binary content goes in BDAT chunks; everything else with DATA. */
    boolean useBdat() {
        return transaction.bodyType() == BodyType.BINARY_MIME;
    }
}

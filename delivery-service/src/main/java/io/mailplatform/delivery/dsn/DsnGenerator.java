package io.mailplatform.delivery.dsn;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.Xtext;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.mime.HeaderSection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Builds delivery status notifications (RFC 3464): a multipart/report with a human-readable part,
 * the message/delivery-status part and the original message or its header, as
 * {@link DsnPolicy#returnsContent} says. Values from the envelope never bring a line break into the
 * report: an ENVID or ORCPT with a control character is left out, a control character in an
 * address is replaced, so no client can add fields to the delivery-status part.
 */
public final class DsnGenerator {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);
    /** Larger originals are returned as headers only, even with RET=FULL (RFC 3461 §4.3 allows truncation). */
    public static final int MAX_RETURNED = 1 << 20;

    private final String reportingMta;

    public DsnGenerator(String reportingMta) {
        this.reportingMta = reportingMta;
    }

    /**
     * The DSN for some recipients of an envelope, addressed to its reverse-path.
     *
     * @param envelope the original envelope; its reverse-path must not be null (no DSN for a DSN)
     * @param statuses one block per recipient reported
     * @param original the message as it was received
     * @param now the time of the report
     */
    public byte[] generate(Envelope envelope, List<RecipientStatus> statuses, byte[] original, Instant now) {
        return generate(envelope, statuses, original, true, now);
    }

    /**
     * As {@link #generate(Envelope, List, byte[], Instant)}, for an original of which the caller may
     * hold only the header (a large message is never loaded whole to be returned).
     *
     * @param complete whether {@code original} is the whole message; if not, it is its header section
     *        and only that is returned, whatever RET says
     */
    public byte[] generate(Envelope envelope, List<RecipientStatus> statuses, byte[] original, boolean complete,
            Instant now) {
        if (envelope.isNullReversePath()) {
            throw new IllegalArgumentException("no DSN for the null reverse-path (RFC 3461 §6.2)");
        }
        String boundary = "=_dsn_" + Integer.toHexString(envelope.id().hashCode()) + "_" + now.toEpochMilli();
        boolean failed = statuses.stream().anyMatch(s -> s.action().equals("failed"));
        boolean delayed = !failed && statuses.stream().anyMatch(s -> s.action().equals("delayed"));
        boolean relayed = !failed && !delayed && statuses.stream().allMatch(s -> s.action().equals("relayed"));
        StringBuilder out = new StringBuilder(2048);
        out.append("From: Mail Delivery System <MAILER-DAEMON@").append(reportingMta).append(">\r\n");
        out.append("To: <").append(printable(envelope.reversePath())).append(">\r\n");
        out.append("Subject: ").append(failed ? "Undelivered Mail Returned to Sender"
                : delayed ? "Delayed Mail (still being retried)" : "Successful Mail Delivery Report").append("\r\n");
        out.append("Date: ").append(DATE.format(now.atOffset(ZoneOffset.UTC))).append("\r\n");
        out.append("Message-ID: <").append(envelope.id()).append(".dsn.").append(now.toEpochMilli()).append('@')
                .append(reportingMta).append(">\r\n");
        out.append("Auto-Submitted: auto-replied\r\n"); // RFC 3834 §5
        out.append("MIME-Version: 1.0\r\n");
        out.append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"").append(boundary)
                .append("\"\r\n\r\n");
        out.append("This is a MIME-encapsulated delivery status notification (RFC 3464).\r\n\r\n");

        out.append("--").append(boundary).append("\r\n");
        out.append("Content-Type: text/plain; charset=utf-8\r\n");
        out.append("Content-Transfer-Encoding: 8bit\r\n\r\n");
        out.append("This is the mail system at ").append(reportingMta).append(".\r\n\r\n");
        out.append(failed ? "Your message could not be delivered to the following recipients:\r\n"
                : delayed ? "Delivery of your message to the following recipients is delayed; it will be retried:\r\n"
                : relayed ? "Your message was handed on to the following recipients' servers, as you asked to be told;\r\n"
                        + "they were not asked to report its delivery (RFC 3461 \"relayed\"):\r\n"
                : "Your message was delivered to the following recipients, as you asked to be told:\r\n");
        for (RecipientStatus status : statuses) {
            out.append("\r\n  <").append(printable(status.finalRecipient())).append(">: ")
                    .append(printable(status.diagnostic())).append("\r\n");
        }
        out.append("\r\n");

        out.append("--").append(boundary).append("\r\n");
        out.append("Content-Type: message/delivery-status\r\n\r\n");
        out.append("Reporting-MTA: dns; ").append(reportingMta).append("\r\n");
        if (envelope.dsnEnvelopeId() != null && !Xtext.hasControl(envelope.dsnEnvelopeId())) {
            out.append("Original-Envelope-Id: ").append(envelope.dsnEnvelopeId()).append("\r\n");
        }
        out.append("X-Mail-Envelope-Id: ").append(envelope.id()).append("\r\n");
        out.append("Arrival-Date: ").append(DATE.format(envelope.receivedAt().atOffset(ZoneOffset.UTC))).append("\r\n");
        for (RecipientStatus status : statuses) {
            out.append("\r\n");
            String originalRecipient = originalRecipient(status.originalRecipient());
            if (originalRecipient != null) {
                out.append("Original-Recipient: ").append(originalRecipient).append("\r\n");
            }
            out.append("Final-Recipient: rfc822; ").append(printable(status.finalRecipient())).append("\r\n");
            out.append("Action: ").append(status.action()).append("\r\n");
            out.append("Status: ").append(status.status()).append("\r\n");
            if (status.remoteMta() != null) {
                out.append("Remote-MTA: dns; ").append(printable(status.remoteMta())).append("\r\n");
            }
            out.append("Diagnostic-Code: smtp; ").append(printable(status.diagnostic())).append("\r\n");
            if (status.willRetryUntil() != null) {
                out.append("Will-Retry-Until: ").append(DATE.format(status.willRetryUntil().atOffset(ZoneOffset.UTC)))
                        .append("\r\n");
            }
        }
        out.append("\r\n");

        out.append("--").append(boundary).append("\r\n");
        boolean full = complete && DsnPolicy.returnsContent(envelope) && original.length <= MAX_RETURNED;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(out.length() + original.length + 64);
        if (full) {
            out.append("Content-Type: message/rfc822\r\n\r\n");
            bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(original);
        } else {
            out.append("Content-Type: text/rfc822-headers\r\n\r\n");
            bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
            bytes.write(original, 0, HeaderSection.bodyOffset(original));
        }
        byte[] written = bytes.toByteArray();
        if (written[written.length - 1] != '\n') {
            bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        bytes.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return bytes.toByteArray();
    }

    /**
     * ORCPT is {@code addr-type;xtext} (RFC 3461 §4.2); Original-Recipient wants {@code addr-type;
     * address} (RFC 3464 §2.3.1). Null when there is none or it does not decode to safe text.
     */
    static String originalRecipient(String orcpt) {
        int semicolon = orcpt == null ? -1 : orcpt.indexOf(';');
        if (semicolon <= 0) {
            return null;
        }
        String type = orcpt.substring(0, semicolon).trim();
        try {
            return Xtext.hasControl(type) ? null : type + "; " + Xtext.decode(orcpt.substring(semicolon + 1));
        } catch (AddressException e) {
            return null;
        }
    }

    /** The text with every control character replaced, so that it stays on its line. */
    private static String printable(String text) {
        if (!Xtext.hasControl(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }
}

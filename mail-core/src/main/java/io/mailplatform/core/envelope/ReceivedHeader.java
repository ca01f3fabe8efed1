package io.mailplatform.core.envelope;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The trace field prepended to every message a client submits (RFC 5321 §4.4 {@code Time-stamp-line}),
 * by the SMTP gateway and by the webmail: from the HELO name (or "unknown")
 * and client IP, by this host, with the protocol of RFC 3848 / RFC 6531 §3.7.3 and the TLS version
 * and cipher as a comment, id the envelope id, for the recipient when there is exactly one (naming
 * several would disclose Bcc recipients to each other), and the date.
 */
public final class ReceivedHeader {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    private ReceivedHeader() {
    }

    /**
     * @param protocol the {@code with} value: {@link #protocol} for SMTP
     */
    public static byte[] render(Envelope envelope, String byHost, String protocol) {
        StringBuilder field = new StringBuilder(320);
        field.append("Received: from ").append(envelope.heloName() == null ? "unknown" : sanitize(envelope.heloName()))
                .append(" ([").append(envelope.clientAddress()).append("])\r\n\tby ").append(byHost)
                .append(" with ").append(protocol);
        if (envelope.tls() != null) {
            field.append(" (").append(envelope.tls().protocol()).append(' ').append(envelope.tls().cipherSuite()).append(')');
        }
        field.append("\r\n\tid ").append(envelope.id());
        if (envelope.recipients().size() == 1) {
            field.append("\r\n\tfor <").append(envelope.recipients().get(0).address()).append('>');
        }
        field.append("; ").append(DATE.format(envelope.receivedAt().atOffset(ZoneOffset.UTC))).append("\r\n");
        return field.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * SMTP/ESMTP, +S with TLS, +A with AUTH (RFC 3848); UTF8SMTP variants for SMTPUTF8 (RFC 6531 §3.7.3).
     *
     * @param extended whether the client greeted with EHLO (ESMTP) rather than HELO (SMTP)
     */
    public static String protocol(Envelope envelope, boolean extended) {
        String name = envelope.smtpUtf8() ? "UTF8SMTP" : extended ? "ESMTP" : "SMTP";
        if (envelope.tls() != null) {
            name += "S";
        }
        if (envelope.authenticatedUser() != null) {
            name += "A";
        }
        return name;
    }

    /**
     * The HELO name is whatever the client said (it is recorded, not judged); characters that could
     * break the field's structure (comments, the ";" before the date) are replaced.
     */
    static String sanitize(String helo) {
        StringBuilder out = new StringBuilder(helo.length());
        for (int i = 0; i < helo.length() && i < 255; i++) {
            char c = helo.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_' || c == ':' || c == '[' || c == ']';
            out.append(safe ? c : '?');
        }
        return out.toString();
    }
}

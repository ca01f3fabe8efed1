package io.mailplatform.smtp.intake;

import io.mailplatform.core.envelope.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The trace field the gateway prepends (RFC 5321 §4.4, protocol names from RFC 3848). */
public final class ReceivedHeader {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    private ReceivedHeader() {
    }

    public static byte[] render(Envelope envelope, String byHost) {
        StringBuilder field = new StringBuilder(256);
        field.append("Received: from ").append(envelope.heloName() == null ? "unknown" : envelope.heloName())
                .append(" ([").append(envelope.clientAddress()).append("])\r\n\tby ").append(byHost)
                .append(" with ").append(protocol(envelope));
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

    /** ESMTP, ESMTPS (TLS), ESMTPA (AUTH), ESMTPSA (both); UTF8 variants per RFC 6531 §3.7.3. */
    static String protocol(Envelope envelope) {
        String name = envelope.smtpUtf8() ? "UTF8SMTP" : "ESMTP";
        if (envelope.tls() != null) {
            name += "S";
        }
        if (envelope.authenticatedUser() != null) {
            name += "A";
        }
        return name;
    }
}

package io.mailplatform.delivery.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.DsnReturn;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The DSN format (RFC 3464), read back with Jakarta Mail. */
class DsnGeneratorTest {
    private static final byte[] ORIGINAL = "Subject: original\r\nFrom: s@example.org\r\n\r\nthe body\r\n"
            .getBytes(StandardCharsets.UTF_8);
    private final DsnGenerator generator = new DsnGenerator("mx.example.test");

    private static Envelope envelope(String from, DsnReturn ret, String envId) {
        return new Envelope("ENV42", from, List.of(EnvelopeRecipient.of("x@example.test")), "192.0.2.1", "h", null, null,
                Instant.parse("2026-11-22T10:00:00Z"), BodyType.SEVEN_BIT, false, ret, envId);
    }

    private static MimeMessage parse(byte[] dsn) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(dsn));
    }

    @Test
    void isAMultipartReportWithTheDeliveryStatusAndTheOriginalHeader() throws Exception {
        byte[] dsn = generator.generate(envelope("s@example.org", null, "client-id-7"), List.of(
                new RecipientStatus("x@example.test", "rfc822;X+2Bme@example.test", "failed", "5.1.1",
                        "550 5.1.1 Recipient address unknown")), ORIGINAL, Instant.parse("2026-11-22T10:05:00Z"));
        MimeMessage message = parse(dsn);
        assertThat(message.getContentType()).startsWith("multipart/report; report-type=delivery-status");
        assertThat(message.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(message.getHeader("To")[0]).isEqualTo("<s@example.org>");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).isEqualTo("message/delivery-status");
        String status;
        try (InputStream in = parts.getBodyPart(1).getInputStream()) {
            status = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(status).contains("Reporting-MTA: dns; mx.example.test\r\n", "Original-Envelope-Id: client-id-7\r\n",
                "Arrival-Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n", "Original-Recipient: rfc822; X+me@example.test\r\n",
                "Final-Recipient: rfc822; x@example.test\r\n", "Action: failed\r\n", "Status: 5.1.1\r\n",
                "Diagnostic-Code: smtp; 550 5.1.1 Recipient address unknown\r\n");
        assertThat(parts.getBodyPart(2).getContentType()).isEqualTo("text/rfc822-headers");
        String returned = new String(dsn, StandardCharsets.UTF_8);
        assertThat(returned).contains("Subject: original\r\nFrom: s@example.org\r\n").doesNotContain("the body");
    }

    @Test
    void retFullReturnsTheWholeMessage() throws Exception {
        byte[] dsn = generator.generate(envelope("s@example.org", DsnReturn.FULL, null),
                List.of(new RecipientStatus("x@example.test", null, "failed", "5.2.2", "552 5.2.2 Mailbox full")),
                ORIGINAL, Instant.now());
        MimeMultipart parts = (MimeMultipart) parse(dsn).getContent();
        assertThat(parts.getBodyPart(2).getContentType()).isEqualTo("message/rfc822");
        assertThat(new String(dsn, StandardCharsets.UTF_8)).contains("the body").doesNotContain("Original-Envelope-Id");
    }

    @Test
    void neverForTheNullReversePath() {
        assertThatThrownBy(() -> generator.generate(envelope("", null, null), List.of(
                new RecipientStatus("x@example.test", null, "failed", "5.1.1", "550")), ORIGINAL, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

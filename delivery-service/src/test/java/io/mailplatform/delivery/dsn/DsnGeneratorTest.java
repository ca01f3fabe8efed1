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
        return envelope(from, ret, envId, null);
    }

    private static Envelope envelope(String from, DsnReturn ret, String envId, String authenticatedUser) {
        return new Envelope("ENV42", from, List.of(EnvelopeRecipient.of("x@example.test")), "192.0.2.1", "h",
                authenticatedUser, null, Instant.parse("2026-11-22T10:00:00Z"), BodyType.SEVEN_BIT, false, ret, envId);
    }

    private static String deliveryStatus(byte[] dsn) throws Exception {
        MimeMultipart parts = (MimeMultipart) parse(dsn).getContent();
        try (InputStream in = parts.getBodyPart(1).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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
    void retFullReturnsTheWholeMessageToAnAuthenticatedSender() throws Exception {
        byte[] dsn = generator.generate(envelope("s@example.org", DsnReturn.FULL, null, "s@example.org"),
                List.of(new RecipientStatus("x@example.test", null, "failed", "5.2.2", "552 5.2.2 Mailbox full")),
                ORIGINAL, Instant.now());
        MimeMultipart parts = (MimeMultipart) parse(dsn).getContent();
        assertThat(parts.getBodyPart(2).getContentType()).isEqualTo("message/rfc822");
        assertThat(new String(dsn, StandardCharsets.UTF_8)).contains("the body").doesNotContain("Original-Envelope-Id");
    }

    @Test
    void anUnverifiedSenderGetsTheHeaderOnlyWhateverRetSays() throws Exception {
        byte[] dsn = generator.generate(envelope("s@example.org", DsnReturn.FULL, null),
                List.of(new RecipientStatus("x@example.test", null, "failed", "5.1.1", "550 5.1.1 Unknown")),
                ORIGINAL, Instant.now());
        MimeMultipart parts = (MimeMultipart) parse(dsn).getContent();
        assertThat(parts.getBodyPart(2).getContentType()).isEqualTo("text/rfc822-headers");
        assertThat(new String(dsn, StandardCharsets.UTF_8)).contains("Subject: original").doesNotContain("the body");
    }

    /**
     * An envelope that did not pass the gateway's checks (an older gateway, a record written by hand)
     * with CR LF in ENVID, ORCPT and an address: no field is added to the delivery-status part.
     */
    @Test
    void lineBreaksFromTheEnvelopeNeverReachTheReport() throws Exception {
        byte[] dsn = generator.generate(envelope("s@example.org\r\nBcc: x@evil.example", null,
                        "id\r\nReporting-MTA: dns; forged.example"),
                List.of(new RecipientStatus("x@example.test\r\nAction: delivered", "rfc822;x+0D+0AStatus:+202.0.0",
                        "failed", "5.1.1", "550 5.1.1 Unknown\r\nStatus: 2.0.0")),
                ORIGINAL, Instant.now());
        String status = deliveryStatus(dsn);
        assertThat(status).doesNotContain("forged.example", "Original-Envelope-Id", "Original-Recipient")
                .doesNotContain("\nAction: delivered", "\nStatus: 2.0.0", "\nStatus:+2")
                .contains("Final-Recipient: rfc822; x@example.test??Action: delivered\r\n", "Action: failed\r\n",
                        "Status: 5.1.1\r\n");
        MimeMessage message = parse(dsn);
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getHeader("To")[0]).isEqualTo("<s@example.org??Bcc: x@evil.example>");
    }

    @Test
    void neverForTheNullReversePath() {
        assertThatThrownBy(() -> generator.generate(envelope("", null, null), List.of(
                new RecipientStatus("x@example.test", null, "failed", "5.1.1", "550")), ORIGINAL, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRelayReportNamesTheRemoteServerAndWhenRetriesEnd() throws Exception {
        byte[] dsn = generator.generate(envelope("s@example.org", null, null, "s@example.org"), List.of(
                new RecipientStatus("x@example.org", null, "delayed", "4.4.1", "451 4.4.1 try later", "mx.example.org",
                        Instant.parse("2026-11-27T10:00:00Z"))), ORIGINAL, Instant.parse("2026-11-22T14:00:00Z"));
        assertThat(parse(dsn).getSubject()).isEqualTo("Delayed Mail (still being retried)");
        assertThat(deliveryStatus(dsn)).contains("Action: delayed\r\n", "Remote-MTA: dns; mx.example.org\r\n",
                "Diagnostic-Code: smtp; 451 4.4.1 try later\r\n", "Will-Retry-Until: Fri, 27 Nov 2026 10:00:00 +0000\r\n");
    }

    @Test
    void relayedIsToldApartFromDelivered() throws Exception {
        byte[] dsn = generator.generate(envelope("s@example.org", null, null, "s@example.org"), List.of(
                new RecipientStatus("x@example.org", null, "relayed", "2.0.0", "250 2.0.0 queued", "mx.example.org",
                        null)), ORIGINAL, Instant.now());
        String text = new String(dsn, StandardCharsets.UTF_8);
        assertThat(text).contains("handed on to the following recipients' servers").doesNotContain("was delivered to");
        assertThat(deliveryStatus(dsn)).contains("Action: relayed\r\n").doesNotContain("Will-Retry-Until");
    }

    @Test
    void anOriginalGivenAsItsHeaderOnlyIsReturnedAsHeaderEvenWithRetFull() throws Exception {
        byte[] header = "Subject: original\r\nFrom: s@example.org\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] dsn = generator.generate(envelope("s@example.org", DsnReturn.FULL, null, "s@example.org"),
                List.of(new RecipientStatus("x@example.test", null, "failed", "5.1.1", "550 5.1.1 Unknown")), header,
                false, Instant.now());
        MimeMultipart parts = (MimeMultipart) parse(dsn).getContent();
        assertThat(parts.getBodyPart(2).getContentType()).isEqualTo("text/rfc822-headers");
    }
}

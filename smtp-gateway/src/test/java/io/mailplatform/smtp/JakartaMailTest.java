package io.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.DsnReturn;
import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.CRLFOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A real client library (Angus Mail) against the gateway: AUTH over STARTTLS and implicit TLS, large and over-size messages. */
class JakartaMailTest extends GatewayTestBase {
    private Session session(String protocol, String mechanism) {
        Properties properties = new Properties();
        properties.put("mail." + protocol + ".auth", "true");
        properties.put("mail." + protocol + ".auth.mechanisms", mechanism);
        properties.put("mail." + protocol + ".starttls.enable", "true");
        properties.put("mail." + protocol + ".starttls.required", protocol.equals("smtp") ? "true" : "false");
        properties.put("mail." + protocol + ".ssl.trust", "*");
        properties.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        properties.put("mail." + protocol + ".connectiontimeout", "10000");
        properties.put("mail." + protocol + ".timeout", "60000");
        return Session.getInstance(properties);
    }

    private int port(String protocol) {
        return server.port(protocol.equals("smtp") ? "submission" : "submissions");
    }

    private static MimeMessage message(Session session, String subject) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(TestDirectory.ALICE));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(TestDirectory.BOB));
        message.setSubject(subject);
        message.setText("Hello Bob\n.\n..\nBye\n", "UTF-8");
        message.saveChanges();
        return message;
    }

    /** Sends and returns the envelope id from the 250 reply. */
    private static String send(Transport transport, MimeMessage message) throws Exception {
        transport.sendMessage(message, message.getAllRecipients());
        String reply = ((SMTPTransport) transport).getLastServerResponse().trim();
        assertThat(reply).matches("250 2\\.0\\.0 Ok: queued as [0-9A-Z]{23}");
        return reply.substring(reply.lastIndexOf(' ') + 1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"smtp, PLAIN", "smtp, LOGIN", "smtps, PLAIN", "smtps, LOGIN"})
    void authenticatesAndSubmits(String protocol, String mechanism) throws Exception {
        Session session = session(protocol, mechanism);
        try (Transport transport = session.getTransport(protocol)) {
            transport.connect("127.0.0.1", port(protocol), TestDirectory.ALICE, TestDirectory.PASSWORD);
            String id = send(transport, message(session, protocol + " " + mechanism));
            List<InboundTopic.Published> published = InboundTopic.withId(id);
            assertThat(published).hasSize(1);
            assertThat(published.get(0).envelope().authenticatedUser()).isEqualTo(TestDirectory.ALICE);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"smtp, PLAIN", "smtp, LOGIN", "smtps, PLAIN", "smtps, LOGIN"})
    void refusesWrongPasswords(String protocol, String mechanism) {
        Session session = session(protocol, mechanism);
        assertThatThrownBy(() -> {
            try (Transport transport = session.getTransport(protocol)) {
                transport.connect("127.0.0.1", port(protocol), TestDirectory.ALICE, "not the password");
            }
        }).isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("535 5.7.8");
    }

    /**
     * DSN is offered on submission only: there Jakarta Mail's dsn settings reach the envelope; on the
     * MX listener the client sees no DSN in EHLO, leaves the parameters out, and the mail still goes.
     */
    @Test
    void dsnSettingsTravelOnSubmissionAndAreLeftOutByTheClientOnTheMx() throws Exception {
        for (boolean submission : new boolean[] {true, false}) {
            Session session = session("smtp", "PLAIN");
            session.getProperties().put("mail.smtp.dsn.notify", "SUCCESS,FAILURE");
            session.getProperties().put("mail.smtp.dsn.ret", "FULL");
            session.getProperties().put("mail.smtp.auth", String.valueOf(submission));
            String id;
            try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
                transport.connect("127.0.0.1", server.port(submission ? "submission" : "smtp"),
                        submission ? TestDirectory.ALICE : null, submission ? TestDirectory.PASSWORD : null);
                assertThat(transport.supportsExtension("DSN")).isEqualTo(submission);
                id = send(transport, message(session, "dsn " + submission));
            }
            List<InboundTopic.Published> published = InboundTopic.withId(id);
            assertThat(published).hasSize(1);
            assertThat(published.get(0).envelope().dsnReturn()).isEqualTo(submission ? DsnReturn.FULL : null);
            assertThat(published.get(0).envelope().recipients().get(0).notifyOn())
                    .isEqualTo(submission ? Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE) : Set.of());
        }
    }

    @Test
    void aTwentyMebibyteMessageWithAttachmentsArrivesByteForByte() throws Exception {
        Session session = session("smtp", "PLAIN");
        Random random = new Random(20);
        MimeMultipart multipart = new MimeMultipart(textPart("Two attachments follow.\n"));
        for (int i = 0; i < 2; i++) {
            byte[] attachment = new byte[7_900_000];
            random.nextBytes(attachment);
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, "application/octet-stream")));
            part.setFileName("random-" + i + ".bin");
            multipart.addBodyPart(part);
        }
        MimeMessage message = message(session, "big");
        message.setContent(multipart);
        message.saveChanges();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        try (CRLFOutputStream crlf = new CRLFOutputStream(sent)) {
            message.writeTo(crlf);
        }
        assertThat(sent.size()).isGreaterThan(20 << 20);
        String id;
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", port("smtp"), TestDirectory.ALICE, TestDirectory.PASSWORD);
            id = send(transport, message);
        }
        InboundTopic.Published published = InboundTopic.withId(id).get(0);
        byte[] stored = published.message();
        byte[] body = Arrays.copyOfRange(stored, stored.length - sent.size(), stored.length);
        assertThat(body).isEqualTo(sent.toByteArray());
        assertThat(new String(stored, 0, stored.length - sent.size(), java.nio.charset.StandardCharsets.US_ASCII))
                .startsWith("Received: ").doesNotContain("Subject");
    }

    @Test
    void anOverSizeMessageIsRefusedAtTheEndAndTheSessionGoesOn() throws Exception {
        Session session = session("smtp", "PLAIN");
        MimeMessage tooLarge = message(session, "too large");
        byte[] attachment = new byte[19_500_000]; // 26 MB once in base64: over the 24 MB of the tests
        new Random(25).nextBytes(attachment);
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, "application/octet-stream")));
        tooLarge.setContent(new MimeMultipart(textPart("too much\n"), part));
        tooLarge.saveChanges();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", port("smtp"), TestDirectory.ALICE, TestDirectory.PASSWORD);
            assertThatThrownBy(() -> transport.sendMessage(tooLarge, tooLarge.getAllRecipients()))
                    .isInstanceOfSatisfying(SMTPSendFailedException.class, e -> {
                        assertThat(e.getReturnCode()).isEqualTo(552);
                        assertThat(e.getMessage()).contains("5.3.4");
                    });
            // same connection, next message: accepted
            send(transport, message(session, "small after large"));
        }
    }

    private static MimeBodyPart textPart(String text) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8");
        return part;
    }
}

package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code mail.log.format=json}: one JSON object per line, with the session id on what a connection
 * logs and the envelope id on what concerns one message, and, even at DEBUG, neither passwords
 * (plain or in SASL responses) nor message text.
 */
@StandaloneTest
@TestPropertySource(properties = {"mail.log.format=json", "logging.level.io.mailplatform=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogTest extends ListenersTestSupport {
    private static final String BODY = "body text that must never be logged 7f3a";

    @Test
    void jsonLinesWithCorrelationFieldsAndNoSecrets(CapturedOutput output) throws Exception {
        Session session = Session.getInstance(MailClients.properties());
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(ADDRESS));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
        message.setSubject("logged");
        message.setText(BODY + "\n");
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", smtp.port("submission"), ADDRESS, PASSWORD);
            transport.sendMessage(message, message.getAllRecipients());
        }
        // the stored message is read back over IMAP and POP3 (password logins both)
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int messages = 0;
        while (messages == 0 && System.nanoTime() < deadline) {
            try (Store store = session.getStore("imap")) {
                store.connect("127.0.0.1", imap.port("imap"), ADDRESS, PASSWORD);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                messages = inbox.getMessageCount();
                inbox.close(false);
            }
            Thread.sleep(200);
        }
        assertThat(messages).isPositive();
        try (Store store = session.getStore("pop3")) {
            store.connect("127.0.0.1", pop3.port("pop3"), ADDRESS, PASSWORD);
        }

        String out = output.getOut();
        List<String> lines = Arrays.stream(out.split("\n")).filter(line -> line.contains("\"@timestamp\"")).toList();
        assertThat(lines).as("JSON log lines").isNotEmpty();
        assertThat(lines).allSatisfy(line -> assertThat(line.strip()).startsWith("{").endsWith("}"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"sessionId\":\"smtp-"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"sessionId\":\"imap-"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"sessionId\":\"pop3-"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"envelopeId\":\""));

        String plain = Base64.getEncoder().encodeToString(("\0" + ADDRESS + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        String login = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
        assertThat(out).doesNotContain(PASSWORD).doesNotContain(plain).doesNotContain(login).doesNotContain(BODY);
    }
}

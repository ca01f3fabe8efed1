package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.imap.server.ImapServer;
import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Messages built to hurt a parser travel the whole path (SMTP, Kafka, delivery, PostgreSQL) and are
 * read back over IMAP (issue 14): MIME nested 1,000 levels deep and a base64 attachment of tens of
 * megabytes of zeros. Both are accepted, stored byte for byte, and BODYSTRUCTURE answers from the
 * bounded summary, while other clients are served meanwhile.
 */
@StandaloneTest
class HostileMessagesTest {
    private static final String PASSWORD = "hostile pass";
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)}$");

    @Autowired
    SmtpServer smtp;
    @Autowired
    ImapServer imap;
    @Autowired
    DirectoryService directory;
    @Autowired
    MailboxService mailboxes;

    @BeforeAll
    void provision(@Autowired FirstAccount firstAccount) throws Exception {
        firstAccount.run(new org.springframework.boot.DefaultApplicationArguments());
    }

    private Account account(String localPart) throws Exception {
        return directory.createAccount(localPart + "@example.test", PASSWORD);
    }

    /** MX delivery of one message on a connection of its own; the reply to its end of data. */
    private String sendOverMx(String recipient, byte[] message) throws Exception {
        try (LineClient client = new LineClient("127.0.0.1", smtp.port("smtp"))) {
            client.readLine();
            MxConversation.ehlo(client);
            client.write("MAIL FROM:<sender@example.org>\r\nRCPT TO:<" + recipient + ">\r\nDATA\r\n");
            assertThat(client.readLine()).startsWith("250 ");
            assertThat(client.readLine()).startsWith("250 ");
            assertThat(client.readLine()).startsWith("354 ");
            client.write(message);
            client.write(".\r\n");
            String reply = client.readLine();
            client.send("QUIT");
            return reply;
        }
    }

    /** Another sender and another reader are served while the hostile message is under way. */
    private void othersAreServed() throws Exception {
        Account bystander = directory.findAccount("bystander@example.test").orElseGet(() -> {
            try {
                return account("bystander");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String reply = sendOverMx(bystander.address(), "Subject: meanwhile\r\n\r\nan ordinary message\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
        try (LineClient reader = imapLogin(bystander)) {
            assertThat(command(reader, "s", "SELECT INBOX")).last().asString().startsWith("s OK");
            assertThat(command(reader, "n", "NOOP")).last().asString().startsWith("n OK");
        }
    }

    private LineClient imapLogin(Account account) throws Exception {
        LineClient client = new LineClient("127.0.0.1", imap.port("imap"));
        client.readLine();
        client.send("t0 STARTTLS");
        client.readUntil(line -> line.startsWith("t0 "));
        client.startTls(Transcript.trustAll());
        client.send("t1 LOGIN " + account.address() + " \"" + PASSWORD + "\"");
        assertThat(client.readUntil(line -> line.startsWith("t1 "))).last().asString().startsWith("t1 OK");
        return client;
    }

    private static List<String> command(LineClient client, String tag, String command) throws Exception {
        client.send(tag + " " + command);
        return client.readUntil(line -> line.startsWith(tag + " "));
    }

    /** A FETCH response of one item whose value is a literal: the literal's octets. */
    private static byte[] fetchLiteral(LineClient client, String tag, String command) throws Exception {
        client.send(tag + " " + command);
        String first = client.readLine();
        Matcher literal = LITERAL.matcher(first);
        assertThat(literal.find()).as(first).isTrue();
        byte[] octets = client.readBytes(Integer.parseInt(literal.group(1)));
        assertThat(client.readUntil(line -> line.startsWith(tag + " "))).last().asString().startsWith(tag + " OK");
        return octets;
    }

    private Mailbox awaitDelivery(Account account) throws Exception {
        Mailbox inbox = mailboxes.require(account.id(), Mailbox.INBOX);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (mailboxes.messages(inbox).isEmpty()) {
            assertThat(System.nanoTime()).as("delivered in time").isLessThan(deadline);
            Thread.sleep(200);
        }
        return inbox;
    }

    private void sendWhileOthersAreServed(Account account, byte[] message) throws Exception {
        CompletableFuture<String> sent = CompletableFuture.supplyAsync(() -> {
            try {
                return sendOverMx(account.address(), message);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        othersAreServed();
        assertThat(sent.get(120, TimeUnit.SECONDS)).startsWith("250 2.0.0 Ok: queued as ");
        awaitDelivery(account);
    }

    @Test
    void mimeNestedAThousandLevelsDeepIsStoredWholeAndDescribedToTheDepthLimit() throws Exception {
        Account account = account("nested");
        int depth = 1000;
        StringBuilder text = new StringBuilder("From: sender@example.org\r\nSubject: nested " + depth
                + "\r\nMIME-Version: 1.0\r\n");
        for (int level = 0; level < depth; level++) {
            text.append("Content-Type: multipart/mixed; boundary=\"b").append(level).append("\"\r\n\r\n--b").append(level)
                    .append("\r\n");
        }
        text.append("Content-Type: text/plain\r\n\r\nthe innermost text\r\n");
        for (int level = depth - 1; level >= 0; level--) {
            text.append("--b").append(level).append("--\r\n");
        }
        byte[] message = text.toString().getBytes(StandardCharsets.US_ASCII);
        sendWhileOthersAreServed(account, message);

        try (LineClient reader = imapLogin(account)) {
            command(reader, "s", "SELECT INBOX");
            List<String> structure = command(reader, "b", "FETCH 1 BODYSTRUCTURE");
            assertThat(structure).last().asString().startsWith("b OK");
            String line = structure.get(0);
            assertThat(line).startsWith("* 1 FETCH (BODYSTRUCTURE (");
            // nested as deep as the summary's limit, then one opaque leaf instead of 968 more levels
            assertThat(line.chars().filter(c -> c == '(').count()).isLessThan(200);
            assertThat(line).containsIgnoringCase("\"mixed\"");
            assertThat(EndToEndTest.withoutTrace(fetchLiteral(reader, "f", "FETCH 1 BODY.PEEK[]"))).isEqualTo(message);
            assertThat(command(reader, "l", "LOGOUT")).last().asString().startsWith("l OK");
        }
    }

    @Test
    void aBase64AttachmentOfTensOfMegabytesOfZerosIsStoredAndDescribed() throws Exception {
        Account account = account("zeros");
        int decoded = 24 << 20;
        String boundary = "zeros-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream(decoded * 14 / 10);
        out.writeBytes(("From: sender@example.org\r\nSubject: zeros\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed;"
                + " boundary=\"" + boundary + "\"\r\n\r\n--" + boundary + "\r\nContent-Type: text/plain\r\n\r\nsee the"
                + " attachment\r\n--" + boundary + "\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding:"
                + " base64\r\nContent-Disposition: attachment; filename=zeros.bin\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(Base64.getMimeEncoder().encode(new byte[decoded]));
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] message = out.toByteArray();
        sendWhileOthersAreServed(account, message);

        try (LineClient reader = imapLogin(account)) {
            command(reader, "s", "SELECT INBOX");
            List<String> structure = command(reader, "b", "FETCH 1 (BODYSTRUCTURE RFC822.SIZE)");
            assertThat(structure).last().asString().startsWith("b OK");
            assertThat(structure.get(0)).containsIgnoringCase("\"base64\"").containsIgnoringCase("\"octet-stream\"");
            byte[] head = fetchLiteral(reader, "p", "FETCH 1 BODY.PEEK[2]<0.76>");
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("A".repeat(76));
            byte[] whole = fetchLiteral(reader, "f", "FETCH 1 BODY.PEEK[]");
            assertThat(EndToEndTest.withoutTrace(whole)).isEqualTo(message);
            assertThat(command(reader, "l", "LOGOUT")).last().asString().startsWith("l OK");
        }
    }
}

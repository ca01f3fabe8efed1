package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.imap.server.ImapServer;
import io.mailplatform.pop3.server.Pop3Server;
import io.mailplatform.smtp.server.SmtpServer;
import jakarta.activation.DataHandler;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import org.eclipse.angus.mail.util.CRLFOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One message travels the real path: Jakarta Mail submits it over SMTP (STARTTLS + AUTH) to the
 * gateway, Kafka carries it to the delivery service, PostgreSQL stores it, and it is read back over
 * POP3, IMAP (Jakarta Mail again) and the REST API, byte for byte apart from the trace fields the
 * platform prepends (Return-Path, Received).
 */
@StandaloneTest
class EndToEndTest {
    private static final String ADDRESS = "alice@example.test";
    private static final String PASSWORD = "wonder land";
    /** Receives only the message read back byte for byte, so that it is message 1 whatever else ran first. */
    private static final String READER = "reader@example.test";

    @LocalServerPort
    int httpPort;
    @Autowired
    SmtpServer smtp;
    @Autowired
    Pop3Server pop3;
    @Autowired
    ImapServer imap;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void provision(@Autowired FirstAccount firstAccount) throws Exception {
        firstAccount.run(new DefaultApplicationArguments());
    }

    @Test
    void adminApiAnswersConflictsInvalidInputAndMissingCredentials() throws Exception {
        assertThat(post("/api/admin/domains", "{\"name\":\"api.test\"}", "admin", "admin-secret").statusCode())
                .isEqualTo(201);
        // example.test and alice were created at start from mail.standalone.*
        HttpResponse<String> duplicate = post("/api/admin/domains", "{\"name\":\"example.test\"}", "admin", "admin-secret");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        HttpResponse<String> invalid = post("/api/admin/accounts", "{\"address\":\"no at sign\",\"password\":\"x\"}",
                "admin", "admin-secret");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"status\":400");
        assertThat(post("/api/admin/domains", "{\"name\":\"other.test\"}", null, null).statusCode()).isEqualTo(401);
        assertThat(post("/api/admin/domains", "{\"name\":\"other.test\"}", "admin", "wrong").statusCode()).isEqualTo(401);
        assertThat(post("/api/admin/domains", "{\"name\":\"other.test\"}", ADDRESS, PASSWORD).statusCode()).isEqualTo(403);
    }

    /**
     * 200 clients submit at once, each two messages on one connection; once the 250s are in, every
     * message is stored exactly once, across gateway, Kafka, delivery and PostgreSQL.
     */
    @Test
    void concurrentSubmissionsAreEachStoredExactlyOnce() throws Exception {
        String recipient = "load@example.test";
        assertThat(post("/api/admin/accounts", "{\"address\":\"" + recipient + "\",\"password\":\"" + PASSWORD + "\"}",
                "admin", "admin-secret").statusCode()).isEqualTo(201);
        int clients = 200;
        int perClient = 2;
        Session session = Session.getInstance(clientProperties());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Void>> sends = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                sends.add(pool.submit(() -> {
                    try (Transport transport = session.getTransport("smtp")) {
                        transport.connect("127.0.0.1", smtp.port("submission"), ADDRESS, PASSWORD);
                        for (int m = 0; m < perClient; m++) {
                            MimeMessage message = new MimeMessage(session);
                            message.setFrom(new InternetAddress(ADDRESS));
                            message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
                            message.setSubject("load " + client + "/" + m);
                            message.setText("message " + m + " of client " + client + "\n");
                            message.saveChanges();
                            transport.sendMessage(message, message.getAllRecipients());
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> send : sends) {
                send.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        String count = """
                SELECT count(*) FROM messages m JOIN mailboxes b ON b.id = m.mailbox_id
                JOIN accounts a ON a.id = b.account_id WHERE a.address = ?""";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jdbc.sql(count).param(recipient).query(Long.class).single() < clients * perClient
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(500); // a duplicate would arrive right behind the last copy
        List<String> subjects = jdbc.sql("""
                SELECT c.subject FROM messages m JOIN message_contents c ON c.id = m.content_id
                JOIN mailboxes b ON b.id = m.mailbox_id JOIN accounts a ON a.id = b.account_id
                WHERE a.address = ?""").param(recipient).query(String.class).list();
        assertThat(subjects).hasSize(clients * perClient).doesNotHaveDuplicates();
    }

    @Test
    void multipartMessageIsReadBackByteIdenticalOverPop3ImapAndRest() throws Exception {
        assertThat(post("/api/admin/accounts", "{\"address\":\"" + READER + "\",\"password\":\"" + PASSWORD + "\"}",
                "admin", "admin-secret").statusCode()).isEqualTo(201);
        byte[] attachment = new byte[40_000];
        new Random(7).nextBytes(attachment);
        Properties properties = clientProperties();
        properties.put("mail.smtp.from", ADDRESS); // the envelope sender: alice may send only as herself
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("sender@example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(READER));
        message.setSubject("Grüße aus Köln ✉", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("First line\n.a line starting with a dot\n..two dots\n.\nlast line\n", "UTF-8");
        MimeBodyPart binary = new MimeBodyPart();
        binary.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, "application/octet-stream")));
        binary.setFileName("random.bin");
        message.setContent(new MimeMultipart(text, binary));
        message.saveChanges();
        // the canonical CRLF form is what SMTP carries (the text part was written with bare LFs)
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        try (CRLFOutputStream crlf = new CRLFOutputStream(sent)) {
            message.writeTo(crlf);
        }

        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", smtp.port("submission"), ADDRESS, PASSWORD);
            transport.sendMessage(message, message.getAllRecipients());
        }

        byte[] viaRest = awaitRest("/api/mailboxes/INBOX/messages/1/raw");
        String listing = new String(awaitRest("/api/mailboxes/INBOX/messages"), StandardCharsets.UTF_8);
        assertThat(listing).contains("\"subject\":\"Grüße aus Köln ✉\"", "\"from\":[{\"name\":null,\"address\":\"sender@example.org\"}]");
        assertThat(withoutTrace(viaRest)).isEqualTo(sent.toByteArray());
        assertThat(new String(viaRest, StandardCharsets.UTF_8))
                .startsWith("Return-Path: <" + ADDRESS + ">\r\nDelivered-To: " + READER + "\r\n")
                .contains("by mx.example.test with ESMTPSA");

        assertThat(withoutTrace(readFirst("pop3", pop3.port("pop3")))).isEqualTo(sent.toByteArray());
        assertThat(withoutTrace(readFirst("imap", imap.port("imap")))).isEqualTo(sent.toByteArray());
    }

    private Properties clientProperties() {
        return MailClients.properties();
    }

    private byte[] readFirst(String protocol, int port) throws Exception {
        Session session = Session.getInstance(clientProperties());
        try (Store store = session.getStore(protocol)) {
            store.connect("127.0.0.1", port, READER, PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            inbox.getMessage(1).writeTo(out);
            inbox.close(false);
            return out.toByteArray();
        }
    }

    /**
     * Removes the trace fields the platform prepends: Return-Path, Delivered-To, Received and the SPF
     * results (with their folded lines).
     */
    static byte[] withoutTrace(byte[] message) {
        int offset = 0;
        while (startsWith(message, offset, "Return-Path:") || startsWith(message, offset, "Delivered-To:")
                || startsWith(message, offset, "Received:") || startsWith(message, offset, "Received-SPF:")
                || startsWith(message, offset, "Authentication-Results:")) {
            do {
                while (message[offset] != '\n') {
                    offset++;
                }
                offset++;
            } while (message[offset] == ' ' || message[offset] == '\t');
        }
        return Arrays.copyOfRange(message, offset, message.length);
    }

    private static boolean startsWith(byte[] bytes, int offset, String prefix) {
        return new String(bytes, offset, Math.min(prefix.length(), bytes.length - offset), StandardCharsets.US_ASCII)
                .equalsIgnoreCase(prefix);
    }

    private byte[] awaitRest(String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<byte[]> response = new HttpApi(httpPort).get(path, READER, PASSWORD);
            if (response.statusCode() == 200) {
                return response.body();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("message not delivered in time, last status " + response.statusCode());
            }
            Thread.sleep(100);
        }
    }

    private HttpResponse<String> post(String path, String json, String user, String password) throws Exception {
        return new HttpApi(httpPort).post(path, json, user, password);
    }
}

package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.imap.server.ImapServer;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A message sent through the webmail API travels the path of SMTP submission: Kafka, the delivery
 * service, PostgreSQL; the To and the Bcc recipient read it over IMAP, and no header names the Bcc
 * recipient; the sender finds the copy in Sent.
 */
@StandaloneTest
class WebmailSendEndToEndTest {
    private static final String ALICE = "alice@example.test";
    private static final String PASSWORD = "wonder land";
    private static final String BOB = "bob@example.test";
    private static final String CAROL = "carol@example.test";

    @LocalServerPort
    int httpPort;
    @Autowired
    ImapServer imap;

    @BeforeAll
    void provision(@Autowired FirstAccount firstAccount) throws Exception {
        firstAccount.run(new DefaultApplicationArguments());
        HttpApi api = new HttpApi(httpPort);
        for (String address : new String[] {BOB, CAROL}) {
            assertThat(api.admin("/api/admin/accounts", "{\"address\":\"" + address + "\",\"password\":\"" + PASSWORD + "\"}"))
                    .isEqualTo(201);
        }
    }

    @Test
    void aWebmailMessageReachesToAndBccRecipientsWithoutABccHeaderAndStaysInSent() throws Exception {
        HttpResponse<String> sent = new HttpApi(httpPort).post("/api/messages/send", """
                {"to":["Bob <bob@example.test>"],"bcc":["carol@example.test"],"subject":"Über den Webmail",
                 "text":"Hallo Bob,\\nvom Webmail.\\n"}""", ALICE, PASSWORD);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);

        String toBob = new String(awaitFirstOverImap(BOB), StandardCharsets.UTF_8);
        assertThat(toBob).contains("\r\nSubject: =?UTF-8?").contains("Hallo Bob,\r\nvom Webmail.")
                .contains("with HTTPSA").startsWith("Return-Path: <" + ALICE + ">\r\n");
        assertThat(toBob).doesNotContainIgnoringCase("\nBcc:").doesNotContain(CAROL);
        String toCarol = new String(awaitFirstOverImap(CAROL), StandardCharsets.UTF_8);
        assertThat(toCarol).contains("Hallo Bob,").doesNotContainIgnoringCase("\nBcc:").doesNotContain(CAROL + ">");

        HttpResponse<byte[]> sentCopies = new HttpApi(httpPort).get("/api/mailboxes/Sent/messages", ALICE, PASSWORD);
        assertThat(new String(sentCopies.body(), StandardCharsets.UTF_8)).contains("\"subject\":\"Über den Webmail\"");
    }

    @Test
    void aFromTheAccountMayNotUseIsRefusedAndNothingIsDelivered() throws Exception {
        HttpResponse<String> forged = new HttpApi(httpPort).post("/api/messages/send",
                "{\"from\":\"bob@example.test\",\"to\":[\"carol@example.test\"],\"subject\":\"forged\",\"text\":\"x\"}",
                ALICE, PASSWORD);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private byte[] awaitFirstOverImap(String user) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Session session = Session.getInstance(MailClients.properties());
        while (true) {
            try (Store store = session.getStore("imap")) {
                store.connect("127.0.0.1", imap.port("imap"), user, PASSWORD);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                if (inbox.getMessageCount() > 0) {
                    Message message = inbox.getMessage(1);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    message.writeTo(out);
                    return out.toByteArray();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing delivered to " + user + " in time");
            }
            Thread.sleep(200);
        }
    }
}

package io.mailplatform.webmail.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.store.directory.DirectoryAdmin;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.testsupport.TestKafka;
import io.mailplatform.webmail.WebmailApplication;
import io.mailplatform.webmail.support.ApiClient;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sending and drafts over real HTTPS, with the record each send puts on the embedded Kafka broker's
 * {@code mail.inbound} read back and decoded as the delivery service would, and the Sent and Drafts
 * copies read from PostgreSQL. Delivery itself: the standalone module's end-to-end test.
 */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.admin.password=admin-secret", "mail.http.hostname=webmail.send.test",
                "mail.webmail.send.max-message-size=200KB", "mail.webmail.send.max-recipients=5",
                "mail.webmail.send.permitted-senders=sara@send.test:*@partner.test"})
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendApiTest {
    private static final String SARA = "sara@send.test";
    private static final String TOM = "tom@send.test";
    private static final String PASSWORD = "sara-password";
    private static final Pattern ENVELOPE_ID = Pattern.compile("\"envelopeId\":\"([^\"]+)\"");
    private static final Pattern UID = Pattern.compile("\"uid\":(\\d+)");

    @LocalServerPort
    int port;
    @Autowired
    DirectoryService directory;
    @Autowired
    DirectoryAdmin admin;
    @Autowired
    MailboxService mailboxes;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void provision() throws Exception {
        directory.createDomain("send.test");
        directory.createAccount(SARA, PASSWORD);
        directory.createAccount(TOM, "tom-password");
        directory.addAlias("sales@send.test", SARA);
    }

    private HttpResponse<String> json(String method, String path, String json) throws Exception {
        return new ApiClient(port).call(method, path, json, SARA, PASSWORD);
    }

    private HttpResponse<byte[]> multipart(String method, String path, MultipartBody body) throws Exception {
        return new ApiClient(port).send(method, path, MultipartBody.contentType(), body.build(), SARA, PASSWORD);
    }

    @Test
    void aMessageGoesToKafkaAsAnAuthenticatedSubmissionWithoutBccAndIntoSent() throws Exception {
        HttpResponse<String> response = json("POST", "/api/messages/send", """
                {"to":["Tom Thumb <tom@send.test>"],"cc":["Zoë Çelik <zoe@elsewhere.test>"],
                 "bcc":["hidden@elsewhere.test"],"replyTo":["sales@send.test"],
                 "subject":"Grüße aus Köln — 会議","text":"Hallo Tom,\\nbis morgen.\\n",
                 "inReplyTo":"<earlier@send.test>","references":["<first@send.test>","<earlier@send.test>"]}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/api/mailboxes/Sent/messages/"));
        ConsumerRecord<String, byte[]> record = inbound(group(response.body(), ENVELOPE_ID));
        Envelope envelope = EnvelopeCodec.decode(record.headers().lastHeader(EnvelopeCodec.HEADER).value());
        assertThat(envelope.authenticatedUser()).isEqualTo(SARA);
        assertThat(envelope.reversePath()).isEqualTo(SARA);
        assertThat(envelope.recipients()).extracting(EnvelopeRecipient::address)
                .containsExactly("tom@send.test", "zoe@elsewhere.test", "hidden@elsewhere.test");
        assertThat(envelope.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(envelope.tls()).isNotNull();
        String raw = new String(record.value(), StandardCharsets.US_ASCII);
        assertThat(raw).startsWith("Received: from unknown ([127.0.0.1])\r\n\tby webmail.send.test with HTTPSA (");
        assertThat(raw).doesNotContainIgnoringCase("bcc").doesNotContain("hidden@");
        assertThat(raw).containsPattern("\r\nMessage-ID: <[0-9A-Z]+\\.webmail@webmail\\.send\\.test>\r\n")
                .containsPattern("\r\nDate: \\w{3}, \\d{1,2} \\w{3} \\d{4} ")
                .contains("\r\nSubject: =?UTF-8?").contains("\r\nIn-Reply-To: <earlier@send.test>\r\n")
                .contains("\r\nReferences: <first@send.test>\r\n <earlier@send.test>\r\n")
                .contains("\r\nReply-To: sales@send.test\r\n");
        assertThat(raw.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        MimeMessage parsed = parse(record.value());
        assertThat(parsed.getSubject()).isEqualTo("Grüße aus Köln — 会議");
        assertThat(parsed.getHeader("Cc", ",")).contains("=?UTF-8?").contains("<zoe@elsewhere.test>");
        assertThat(parsed.getContent().toString()).isEqualTo("Hallo Tom,\r\nbis morgen.\r\n");

        Mailbox sent = mailboxes.require(directory.findAccount(SARA).orElseThrow().id(), "Sent");
        long uid = Long.parseLong(group(response.body(), UID));
        MessageMeta copy = mailboxes.message(sent, uid).orElseThrow();
        assertThat(copy.flags().system() & MessageFlags.SEEN).isNotZero();
        String stored = new String(mailboxes.content(sent, uid).orElseThrow(), StandardCharsets.US_ASCII);
        assertThat(raw).endsWith(stored);
        assertThat(stored).doesNotContainIgnoringCase("bcc").doesNotContain("hidden@").doesNotStartWith("Received:");
    }

    @Test
    void attachmentsTravelAsBase64WithRfc2231NamesAndHtmlAsAnAlternative() throws Exception {
        byte[] pdf = new byte[3000];
        new Random(7).nextBytes(pdf);
        HttpResponse<byte[]> response = multipart("POST", "/api/messages/send", new MultipartBody()
                .json("message", """
                        {"to":["tom@send.test"],"subject":"report","text":"see attached","html":"<p>see <b>attached</b></p>"}""")
                .file("attachments", "Résumé für Zoë.pdf", "application/pdf", pdf)
                .file("attachments", "notes.txt", "text/plain; charset=\"evil\r\nX-Injected: 1\"", "plain notes\n".getBytes(StandardCharsets.UTF_8)));
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(202);
        byte[] value = inbound(group(body, ENVELOPE_ID)).value();
        String raw = new String(value, StandardCharsets.US_ASCII);
        assertThat(raw).contains("filename*=UTF-8''R%C3%A9sum%C3%A9%20f%C3%BCr%20Zo%C3%AB.pdf")
                .doesNotContain("X-Injected");
        MimeMessage parsed = parse(value);
        Multipart mixed = (Multipart) parsed.getContent();
        assertThat(parsed.getContentType()).startsWith("multipart/mixed");
        assertThat(mixed.getCount()).isEqualTo(3);
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        Part attachment = mixed.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("Résumé für Zoë.pdf");
        assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(pdf);
        // a declared type that is not one (here: a header injection attempt) becomes application/octet-stream
        assertThat(mixed.getBodyPart(2).getContentType()).startsWith("application/octet-stream");
        assertThat(mixed.getBodyPart(2).getFileName()).isEqualTo("notes.txt");
    }

    @Test
    void theHtmlBodyIsSanitisedBeforeItIsSentOrKept() throws Exception {
        HttpResponse<String> response = json("POST", "/api/messages/send", """
                {"to":["tom@send.test"],"subject":"html","text":"hello *bob*",
                 "html":"<p onclick=\\"steal()\\">hello <b>bob</b></p><script>alert(1)</script><a href=\\"javascript:alert(1)\\">x</a><a href=\\"https://example.org/\\">site</a><form action=\\"https://evil.example/\\"><input name=p></form><iframe src=\\"https://evil.example/\\"></iframe>"}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        MimeMessage parsed = parse(inbound(group(response.body(), ENVELOPE_ID)).value());
        Multipart alternative = (Multipart) parsed.getContent();
        assertThat(parsed.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("hello *bob*");
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(html).contains("<p>hello <b>bob</b></p>").contains("<a href=\"https://example.org/\">site</a>")
                .doesNotContain("onclick").doesNotContain("<script").doesNotContain("javascript:")
                .doesNotContain("<form").doesNotContain("<input").doesNotContain("<iframe").doesNotContain("evil.example");
        String kept = new String(mailboxes.content(mailboxes.require(directory.findAccount(SARA).orElseThrow().id(), "Sent"),
                Long.parseLong(group(response.body(), UID))).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(kept).doesNotContain("<script").doesNotContain("onclick");
    }

    @Test
    void onlyAddressesTheAccountMayUseCanBeTheSender() throws Exception {
        int sentBefore = sentCount();
        HttpResponse<String> forged = json("POST", "/api/messages/send", """
                {"from":"tom@send.test","to":["tom@send.test"],"subject":"forged","text":"x"}""");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(forged.body()).contains("\"field\":\"from\"");
        assertThat(sentCount()).isEqualTo(sentBefore);
        for (String own : List.of("Sales Team <sales@send.test>", "sara+lists@send.test", "anyone@partner.test")) {
            HttpResponse<String> allowed = json("POST", "/api/messages/send",
                    "{\"from\":\"" + own + "\",\"to\":[\"tom@send.test\"],\"text\":\"x\"}");
            assertThat(allowed.statusCode()).as(own + allowed.body()).isEqualTo(202);
        }
        assertThat(sentCount()).isEqualTo(sentBefore + 3);
    }

    @Test
    void recipientsSubmissionRefusesAtRcptAreRefusedBeforeSending() throws Exception {
        int sentBefore = sentCount();
        HttpResponse<String> unknown = json("POST", "/api/messages/send",
                "{\"to\":[\"tom@send.test\"],\"bcc\":[\"nobody@send.test\"],\"text\":\"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"field\":\"recipients\"", "nobody@send.test");
        directory.createList("team@send.test", true);
        directory.addListMember("team@send.test", TOM);
        HttpResponse<String> notMember = json("POST", "/api/messages/send", "{\"to\":[\"team@send.test\"],\"text\":\"x\"}");
        assertThat(notMember.statusCode()).isEqualTo(403);
        assertThat(sentCount()).isEqualTo(sentBefore);
        assertThat(new ApiClient(port).call("POST", "/api/messages/send", "{\"to\":[\"team@send.test\"],\"text\":\"x\"}",
                TOM, "tom-password").statusCode()).isEqualTo(202);
    }

    @Test
    void badInputGetsAProblemNamingTheField() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"to\":[\"not an address\"],\"text\":\"x\"}", "to",
                "{\"to\":[],\"text\":\"x\"}", "to",
                "{\"to\":[\"tom@send.test\"],\"cc\":[\"a@b@c\"],\"text\":\"x\"}", "cc",
                "{\"to\":[\"tom@send.test\"],\"inReplyTo\":\"no brackets\",\"text\":\"x\"}", "inReplyTo",
                "{\"to\":[\"a@x.test\",\"b@x.test\",\"c@x.test\"],\"cc\":[\"d@x.test\",\"e@x.test\",\"f@x.test\"]}", "to");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            HttpResponse<String> response = json("POST", "/api/messages/send", bad.getKey());
            assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(response.body()).as(bad.getKey()).contains("\"field\":\"" + bad.getValue() + "\"");
        }
        assertThat(json("POST", "/api/messages/send", "{not json").statusCode()).isEqualTo(400);
        assertThat(new ApiClient(port).call("POST", "/api/messages/send", "{\"to\":[\"tom@send.test\"]}", null, null)
                .statusCode()).isEqualTo(401);
        assertThat(new ApiClient(port).send("POST", "/api/messages/send", "text/plain", "hi".getBytes(), SARA, PASSWORD)
                .statusCode()).isEqualTo(415);
    }

    @Test
    void messagesAndUploadsOverTheSizeLimitAreRefusedWith413() throws Exception {
        int sentBefore = sentCount();
        String text = "x".repeat(150_000) + "\u00e9".repeat(40_000);
        HttpResponse<String> big = json("POST", "/api/messages/send",
                "{\"to\":[\"tom@send.test\"],\"text\":\"" + text + "\"}");
        assertThat(big.statusCode()).as(big.body()).isEqualTo(413);
        HttpResponse<byte[]> upload = multipart("POST", "/api/messages/send", new MultipartBody()
                .json("message", "{\"to\":[\"tom@send.test\"]}").file("attachments", "big.bin", "application/octet-stream",
                        new byte[300 * 1024]));
        assertThat(upload.statusCode()).isEqualTo(413);
        assertThat(new String(upload.body(), StandardCharsets.UTF_8)).contains("\"status\":413");
        // under the upload limit, but over it once base64-encoded
        HttpResponse<byte[]> encoded = multipart("POST", "/api/messages/send", new MultipartBody()
                .json("message", "{\"to\":[\"tom@send.test\"]}").file("attachments", "b.bin", "application/octet-stream",
                        new byte[180 * 1024]));
        assertThat(encoded.statusCode()).isEqualTo(413);
        assertThat(sentCount()).isEqualTo(sentBefore);
    }

    @Test
    void aFullQuotaRefusesTheMessageBeforeItLeaves() throws Exception {
        directory.createAccount("full@send.test", "full-password");
        admin.setQuota("full@send.test", 100L);
        HttpResponse<String> response = new ApiClient(port).call("POST", "/api/messages/send",
                "{\"to\":[\"tom@send.test\"],\"subject\":\"quota\",\"text\":\"x\"}", "full@send.test", "full-password");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).contains("quota");
    }

    @Test
    void draftsAreSavedReplacedAndSentWithTheirBccRecipients() throws Exception {
        HttpResponse<String> saved = json("POST", "/api/drafts", """
                {"to":["tom@send.test"],"bcc":["secret@elsewhere.test"],"subject":"draft 1","text":"first"}""");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        long first = Long.parseLong(group(saved.body(), UID));
        Mailbox drafts = mailboxes.require(directory.findAccount(SARA).orElseThrow().id(), "Drafts");
        MessageMeta draft = mailboxes.message(drafts, first).orElseThrow();
        assertThat(draft.flags().system() & MessageFlags.DRAFT).isNotZero();
        assertThat(new String(mailboxes.content(drafts, first).orElseThrow(), StandardCharsets.US_ASCII))
                .contains("\r\nBcc: secret@elsewhere.test\r\n");
        // no recipient yet is fine for a draft
        assertThat(json("POST", "/api/drafts", "{\"subject\":\"idea\"}").statusCode()).isEqualTo(201);

        HttpResponse<byte[]> replaced = multipart("PUT", "/api/drafts/" + first, new MultipartBody()
                .json("message", """
                        {"to":["tom@send.test"],"bcc":["secret@elsewhere.test"],"subject":"draft 2","text":"second"}""")
                .file("attachments", "a.txt", "text/plain", "attached".getBytes(StandardCharsets.UTF_8)));
        assertThat(replaced.statusCode()).isEqualTo(200);
        long second = Long.parseLong(group(new String(replaced.body(), StandardCharsets.UTF_8), UID));
        assertThat(second).isGreaterThan(first);
        assertThat(mailboxes.message(drafts, first)).isEmpty();

        // another account cannot see or send it
        assertThat(new ApiClient(port).call("POST", "/api/drafts/" + second + "/send", null, TOM, "tom-password").statusCode())
                .isEqualTo(404);
        assertThat(new ApiClient(port).call("PUT", "/api/drafts/" + second, "{\"subject\":\"mine\"}", TOM, "tom-password")
                .statusCode()).isEqualTo(404);
        assertThat(json("POST", "/api/drafts/" + first + "/send", null).statusCode()).isEqualTo(404);

        HttpResponse<String> sent = json("POST", "/api/drafts/" + second + "/send", null);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(mailboxes.message(drafts, second)).isEmpty();
        ConsumerRecord<String, byte[]> record = inbound(group(sent.body(), ENVELOPE_ID));
        Envelope envelope = EnvelopeCodec.decode(record.headers().lastHeader(EnvelopeCodec.HEADER).value());
        assertThat(envelope.recipients()).extracting(EnvelopeRecipient::address)
                .containsExactly("tom@send.test", "secret@elsewhere.test");
        String raw = new String(record.value(), StandardCharsets.US_ASCII);
        assertThat(raw).doesNotContainIgnoringCase("\nbcc:").doesNotContain("secret@").contains("Subject: draft 2")
                .containsPattern("\r\nMessage-ID: <[0-9A-Z]+\\.webmail@webmail\\.send\\.test>\r\n");
        assertThat(((Multipart) parse(record.value()).getContent()).getBodyPart(1).getFileName()).isEqualTo("a.txt");
        Mailbox sentBox = mailboxes.require(drafts.accountId(), "Sent");
        assertThat(new String(mailboxes.content(sentBox, Long.parseLong(group(sent.body(), UID))).orElseThrow(),
                StandardCharsets.US_ASCII)).contains("Subject: draft 2").doesNotContain("secret@");
    }

    @Test
    void aMissingSentMailboxIsCreatedWithItsRole() throws Exception {
        directory.createAccount("nosent@send.test", "nosent-password");
        long id = directory.findAccount("nosent@send.test").orElseThrow().id();
        jdbc.sql("DELETE FROM mailboxes WHERE account_id = ? AND name = 'Sent'").param(id).update();
        HttpResponse<String> response = new ApiClient(port).call("POST", "/api/messages/send",
                "{\"to\":[\"tom@send.test\"],\"text\":\"x\"}", "nosent@send.test", "nosent-password");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(mailboxes.find(id, "Sent")).hasValueSatisfying(box -> assertThat(box.specialUse()).isEqualTo("\\Sent"));
    }

    private int sentCount() {
        return mailboxes.messages(mailboxes.require(directory.findAccount(SARA).orElseThrow().id(), "Sent")).size();
    }

    private static String group(String body, Pattern pattern) {
        Matcher matcher = pattern.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    /** The mail.inbound record with this envelope id (read from the start: ids are unique). */
    private static ConsumerRecord<String, byte[]> inbound(String envelopeId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "send-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(MailTopics.INBOUND));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Envelope envelope = EnvelopeCodec.decode(record.headers().lastHeader(EnvelopeCodec.HEADER).value());
                    if (envelope.id().equals(envelopeId)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no mail.inbound record for " + envelopeId);
    }
}

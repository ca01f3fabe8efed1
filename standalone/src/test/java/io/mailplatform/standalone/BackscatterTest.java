package io.mailplatform.standalone;

import static io.mailplatform.standalone.MxConversation.converse;
import static io.mailplatform.standalone.MxConversation.ehlo;
import static io.mailplatform.standalone.MxConversation.queuedId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.sasl.SaslPlain;
import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The backscatter and bounce-abuse exploits, each as the SMTP conversation an attacker would hold
 * with the running platform, followed by a look at what the store and the outbound queue hold once
 * delivery is done: no notification to the forged address, no full content, no fan-out.
 */
@StandaloneTest
class BackscatterTest {
    private static final String PASSWORD = "wonder land";
    private static final String FORGED = "victim@remote.example";

    @LocalServerPort
    int httpPort;
    @Autowired
    SmtpServer smtp;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void provision(@Autowired FirstAccount firstAccount) throws Exception {
        firstAccount.run(new DefaultApplicationArguments());
        HttpApi api = new HttpApi(httpPort);
        for (String account : new String[] {"carol@example.test", "dave@example.test", "marker@example.test"}) {
            assertThat(api.admin("/api/admin/accounts", "{\"address\":\"" + account + "\",\"password\":\"" + PASSWORD + "\"}"))
                    .isEqualTo(201);
        }
        assertThat(api.admin("/api/admin/lists", "{\"address\":\"crew@example.test\",\"membersOnly\":false}")).isEqualTo(201);
        assertThat(api.admin("/api/admin/lists", "{\"address\":\"board@example.test\",\"membersOnly\":true}")).isEqualTo(201);
        for (String[] member : new String[][] {{"crew", "carol"}, {"crew", "dave"}, {"board", "carol"}}) {
            assertThat(api.admin("/api/admin/lists/" + member[0] + "@example.test/members",
                    "{\"address\":\"" + member[1] + "@example.test\"}")).isEqualTo(200);
        }
        // an alias with two targets, and a loop, which fails at delivery although RCPT accepted it
        for (String[] alias : new String[][] {{"duo", "carol"}, {"duo", "dave"}, {"ring1", "ring2"}, {"ring2", "ring1"}}) {
            assertThat(api.admin("/api/admin/aliases", "{\"address\":\"" + alias[0] + "@example.test\",\"target\":\""
                    + alias[1] + "@example.test\"}")).isEqualTo(201);
        }
    }

    /** An unauthenticated conversation on the MX listener; answers every reply line in order. */
    private List<String> mx(String... commands) throws Exception {
        return MxConversation.mx(smtp.port("smtp"), commands);
    }

    private static String message(String subject, String body) {
        return "From: someone@remote.example\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n.\r\n";
    }

    /** Waits until the account holds a message with this subject (delivery of the envelope is then complete). */
    private void awaitMessage(String account, String subject) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (messagesWithSubject(account, subject) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(account + " did not receive '" + subject + "'");
            }
            Thread.sleep(50);
        }
    }

    private long messagesWithSubject(String account, String subject) {
        return jdbc.sql("""
                SELECT count(*) FROM messages m JOIN message_contents c ON c.id = m.content_id
                JOIN mailboxes b ON b.id = m.mailbox_id JOIN accounts a ON a.id = b.account_id
                WHERE a.address = ? AND c.subject = ?""").params(account, subject).query(Long.class).single();
    }

    /** Delivery status notifications in the account's mailboxes that mention the subject (in the returned header). */
    private long reportsAbout(String account, String subject) {
        return jdbc.sql("""
                SELECT count(*) FROM messages m JOIN message_contents c ON c.id = m.content_id
                JOIN mailboxes b ON b.id = m.mailbox_id JOIN accounts a ON a.id = b.account_id
                WHERE a.address = ? AND position(convert_to('report-type=delivery-status', 'UTF8') IN c.raw) > 0
                AND position(convert_to(?, 'UTF8') IN c.raw) > 0""").params(account, subject).query(Long.class).single();
    }

    /** What was queued for the relay because of this envelope (its DSNs have ids that start with it). */
    private List<String> queued(String envelopeId) {
        return jdbc.sql("SELECT recipient FROM outbound_queue WHERE envelope_id LIKE ?").param(envelopeId + "%")
                .query(String.class).list();
    }

    private static String subject() {
        return "exploit " + UUID.randomUUID();
    }

    @Test
    void barePostmasterReachesTheFirstAccountNeverARelayRecipient() throws Exception {
        String subject = subject();
        // mx.example.test, the SMTP host name, is not a local domain: postmaster@ it would be relayed, fail and bounce
        List<String> replies = mx("MAIL FROM:<" + FORGED + "> RET=FULL", "MAIL FROM:<" + FORGED + ">",
                "RCPT TO:<Postmaster>", "DATA", message(subject, "attacker-chosen content"));
        assertThat(replies.subList(0, 4)).containsExactly("555 5.5.4 DSN parameters are accepted on the submission ports only",
                "250 2.1.0 Sender ok", "250 2.1.5 Recipient ok", "354 Start mail input; end with <CRLF>.<CRLF>");
        String id = queuedId(replies.get(4));
        awaitMessage("alice@example.test", subject); // mail.store.postmaster defaults to mail.standalone.account
        assertThat(queued(id)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM outbound_queue WHERE recipient = ?").param(FORGED).query(Long.class)
                .single()).isZero();
    }

    @Test
    void anUnauthenticatedClientCannotAskForADeliveredReport() throws Exception {
        String subject = subject();
        List<String> keywords;
        List<String> replies;
        try (LineClient client = new LineClient("127.0.0.1", smtp.port("smtp"))) {
            client.readLine();
            keywords = ehlo(client);
            replies = converse(client, "MAIL FROM:<" + FORGED + ">", "RCPT TO:<carol@example.test> NOTIFY=SUCCESS",
                    "RCPT TO:<carol@example.test> ORCPT=rfc822;carol+40example.test", "RCPT TO:<carol@example.test>",
                    "DATA", message(subject, "attacker-chosen content"));
        }
        assertThat(keywords).noneMatch(line -> line.endsWith("DSN"));
        assertThat(replies.subList(0, 5)).containsExactly("250 2.1.0 Sender ok",
                "555 5.5.4 DSN parameters are accepted on the submission ports only",
                "555 5.5.4 DSN parameters are accepted on the submission ports only", "250 2.1.5 Recipient ok",
                "354 Start mail input; end with <CRLF>.<CRLF>");
        String id = queuedId(replies.get(5));
        awaitMessage("carol@example.test", subject);
        assertThat(queued(id)).isEmpty();
    }

    @Test
    void aFailureIsReportedToAnUnverifiedSenderWithTheHeaderOnly() throws Exception {
        String subject = subject();
        List<String> replies = mx("MAIL FROM:<" + FORGED + ">", "RCPT TO:<ring1@example.test>",
                "RCPT TO:<marker@example.test>", "DATA", message(subject, "SECRET-BODY-LINE"));
        String id = queuedId(replies.get(4));
        awaitMessage("marker@example.test", subject);
        List<String> contents = jdbc.sql("""
                SELECT convert_from(c.raw, 'UTF8') FROM outbound_queue q JOIN message_contents c ON c.id = q.content_id
                WHERE q.envelope_id = ? AND q.recipient = ?""").params(id + ".dsn", FORGED).query(String.class).list();
        assertThat(contents).hasSize(1);
        assertThat(contents.get(0)).contains("Status: 5.4.6", "text/rfc822-headers", "Subject: " + subject)
                .doesNotContain("SECRET-BODY-LINE", "message/rfc822");
    }

    @Test
    void aBounceToALocalListOrAFanOutAliasIsNotExpanded() throws Exception {
        for (String forged : new String[] {"crew@example.test", "duo@example.test"}) {
            String subject = subject();
            List<String> replies = mx("MAIL FROM:<" + forged + ">", "RCPT TO:<ring1@example.test>",
                    "RCPT TO:<marker@example.test>", "DATA", message(subject, "attacker-chosen content"));
            assertThat(replies.subList(0, 4)).as(forged).containsExactly("250 2.1.0 Sender ok", "250 2.1.5 Recipient ok",
                    "250 2.1.5 Recipient ok", "354 Start mail input; end with <CRLF>.<CRLF>");
            String id = queuedId(replies.get(4));
            awaitMessage("marker@example.test", subject); // the bounce would be stored in the same transaction
            assertThat(reportsAbout("carol@example.test", subject)).as(forged).isZero();
            assertThat(reportsAbout("dave@example.test", subject)).as(forged).isZero();
            assertThat(queued(id)).isEmpty();
        }
    }

    @Test
    void aMembersOnlyListRefusesOtherSendersAtRcpt() throws Exception {
        String subject = subject();
        List<String> replies = mx("MAIL FROM:<mallory@remote.example>", "RCPT TO:<board@example.test>",
                "RCPT TO:<marker@example.test>", "DATA", message(subject, "to the board"));
        assertThat(replies.get(1)).isEqualTo("550 5.7.2 Only members may send to this list");
        String id = queuedId(replies.get(4));
        awaitMessage("marker@example.test", subject);
        assertThat(messagesWithSubject("carol@example.test", subject)).isZero();
        assertThat(queued(id)).isEmpty();
        // a member may
        String second = subject();
        List<String> member = mx("MAIL FROM:<carol@example.test>", "RCPT TO:<board@example.test>", "DATA",
                message(second, "to the board"));
        assertThat(member.get(1)).isEqualTo("250 2.1.5 Recipient ok");
        queuedId(member.get(3));
        awaitMessage("carol@example.test", second);
    }

    @Test
    void encodedLineBreaksInEnvidAndOrcptAreRefusedAndTheReportHasNoForgedFields() throws Exception {
        String subject = subject();
        List<String> replies;
        try (LineClient client = new LineClient("127.0.0.1", smtp.port("submission"))) {
            client.readLine();
            ehlo(client);
            client.send("STARTTLS");
            assertThat(client.readLine()).startsWith("220 ");
            client.startTls(Transcript.trustAll());
            assertThat(ehlo(client)).contains("250-DSN");
            client.send("AUTH PLAIN " + SaslPlain.encode("alice@example.test", PASSWORD));
            assertThat(client.readLine()).startsWith("235 ");
            replies = converse(client,
                    "MAIL FROM:<alice@example.test> ENVID=x+0D+0AReporting-MTA:+20dns;+20forged.example",
                    "MAIL FROM:<alice@example.test> RET=HDRS ENVID=trip-7",
                    "RCPT TO:<ring1@example.test> ORCPT=rfc822;ring1+40example.test+0D+0AAction:+20delivered",
                    "RCPT TO:<ring1@example.test> NOTIFY=FAILURE ORCPT=rfc822;ring1+40example.test",
                    "RCPT TO:<marker@example.test>", "DATA", message(subject, "mine"));
        }
        assertThat(replies.subList(0, 6)).containsExactly("501 5.5.4 Invalid xtext value: control character in xtext",
                "250 2.1.0 Sender ok", "501 5.5.4 Invalid xtext value: control character in xtext",
                "250 2.1.5 Recipient ok", "250 2.1.5 Recipient ok", "354 Start mail input; end with <CRLF>.<CRLF>");
        queuedId(replies.get(6));
        awaitMessage("marker@example.test", subject);
        // alice is authenticated: she is told about the loop, and the report says only what is true
        assertThat(reportsAbout("alice@example.test", subject)).isEqualTo(1);
        String report = jdbc.sql("""
                SELECT convert_from(c.raw, 'UTF8') FROM messages m JOIN message_contents c ON c.id = m.content_id
                JOIN mailboxes b ON b.id = m.mailbox_id JOIN accounts a ON a.id = b.account_id
                WHERE a.address = 'alice@example.test' AND position(convert_to(?, 'UTF8') IN c.raw) > 0
                AND position(convert_to('report-type=delivery-status', 'UTF8') IN c.raw) > 0""")
                .param(subject).query(String.class).single();
        assertThat(report).contains("Original-Envelope-Id: trip-7\r\n", "Original-Recipient: rfc822; ring1@example.test\r\n",
                "Action: failed\r\n").doesNotContain("forged.example", "Action: delivered");
    }
}

package io.mailplatform.standalone;

import static io.mailplatform.standalone.MxConversation.queuedId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.address.Domain;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.srs.SrsCodec;
import io.mailplatform.smtp.server.SmtpServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Forwarding with SRS on the running platform, over SMTP as other mail servers hold it: mail from
 * elsewhere to an alias with a remote target is queued for the relay from an SRS address at
 * example.test (the postmaster's domain); the bounce the next hop sends to that address is taken at
 * RCPT and queued back to the original sender, or delivered here when the sender is ours; forged
 * addresses and anything but a bounce are refused at RCPT.
 */
@StandaloneTest
class SrsForwardingTest {
    private static final String SENDER = "someone@remote.example";

    @LocalServerPort
    int httpPort;
    @Autowired
    SmtpServer smtp;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SrsCodec srs;

    @BeforeAll
    void provision(@Autowired FirstAccount firstAccount) throws Exception {
        firstAccount.run(new DefaultApplicationArguments());
        assertThat(new HttpApi(httpPort).admin("/api/admin/aliases",
                "{\"address\":\"fwd@example.test\",\"target\":\"friend@elsewhere.example\"}")).isEqualTo(201);
    }

    private List<String> mx(String... commands) throws Exception {
        return MxConversation.mx(smtp.port("smtp"), commands);
    }

    private static String message(String subject) {
        return "From: " + SENDER + "\r\nSubject: " + subject + "\r\n\r\nbody\r\n.\r\n";
    }

    private static <T> T await(String what, Supplier<List<T>> rows) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<T> found;
        while ((found = rows.get()).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
        assertThat(found).as(what).hasSize(1);
        return found.get(0);
    }

    /** The queued row of an envelope: "reverse path|recipient". */
    private String queuedRow(String envelopeId) throws InterruptedException {
        return await("the outbound queue row of " + envelopeId, () -> jdbc.sql(
                "SELECT reverse_path || '|' || recipient FROM outbound_queue WHERE envelope_id = ?").param(envelopeId)
                .query(String.class).list());
    }

    @Test
    void aForwardedMessageLeavesFromAnSrsAddressAndItsBounceReturnsToTheSender() throws Exception {
        String subject = "forwarded " + UUID.randomUUID();
        List<String> replies = mx("MAIL FROM:<" + SENDER + ">", "RCPT TO:<fwd@example.test>", "DATA", message(subject));
        String[] forwarded = queuedRow(queuedId(replies.get(3))).split("\\|");
        assertThat(forwarded[1]).isEqualTo("friend@elsewhere.example");
        String srsAddress = forwarded[0];
        assertThat(srsAddress).startsWith("SRS0=").endsWith("=remote.example=someone@example.test");

        // the next hop bounces it, to the SRS address, with the null reverse path
        String local = srsAddress.substring(0, srsAddress.indexOf('@'));
        // the hash is compared without regard to case: the forged character must differ in every case
        String forged = local.substring(0, 5) + (Character.toUpperCase(local.charAt(5)) == 'A' ? 'B' : 'A')
                + local.substring(6) + "@example.test";
        List<String> bounce = mx("MAIL FROM:<>", "RCPT TO:<" + forged + ">", "RCPT TO:<" + srsAddress + ">", "DATA",
                message("Undelivered: " + subject));
        assertThat(bounce.subList(0, 4)).containsExactly("250 2.1.0 Sender ok",
                "550 5.1.1 No such address: invalid SRS address", "250 2.1.5 Recipient ok",
                "354 Start mail input; end with <CRLF>.<CRLF>");
        assertThat(queuedRow(queuedId(bounce.get(4)))).isEqualTo("|" + SENDER);

        // the address relays bounces only: anyone else writing to it is refused, not forwarded to the sender
        assertThat(mx("MAIL FROM:<spammer@elsewhere.example>", "RCPT TO:<" + srsAddress + ">").get(1))
                .isEqualTo("550 5.7.1 This address accepts only bounces (MAIL FROM:<>)");
    }

    @Test
    void aBounceForASenderOfOursIsDeliveredHere() throws Exception {
        MailboxAddress address = srs.forward(MailboxAddress.parse("alice@example.test"), new Domain("example.test"))
                .orElseThrow();
        String subject = "bounce " + UUID.randomUUID();
        List<String> replies = mx("MAIL FROM:<>", "RCPT TO:<" + address + ">", "DATA", message(subject));
        assertThat(replies.get(1)).isEqualTo("250 2.1.5 Recipient ok");
        String id = queuedId(replies.get(3));
        await("the bounce in alice's mailbox", () -> jdbc.sql("""
                SELECT m.uid FROM messages m JOIN message_contents c ON c.id = m.content_id
                JOIN mailboxes b ON b.id = m.mailbox_id JOIN accounts a ON a.id = b.account_id
                WHERE a.address = 'alice@example.test' AND b.name = 'INBOX' AND c.subject = ?""")
                .param(subject).query(Long.class).list());
        assertThat(jdbc.sql("SELECT count(*) FROM outbound_queue WHERE envelope_id LIKE ?").param(id + "%")
                .query(Long.class).single()).isZero();
    }
}

package io.mailplatform.delivery.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.DsnReturn;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.support.RelayFakes;
import io.mailplatform.delivery.support.RelayTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import io.mailplatform.testsupport.smtp.ReceivedTransaction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay against remote servers behind static routes: what is queued arrives byte for byte, the
 * recipients of a message for one domain share a transaction, messages share connections, and every
 * failure is reported as RFC 3464 and {@code DsnPolicy} say: the remote reply as Diagnostic-Code,
 * the whole message to an authenticated sender who asked for it, the header only to anyone else,
 * nothing for the null reverse path; "relayed" for NOTIFY=SUCCESS when the next hop cannot report.
 */
class RelayDeliveryTest extends RelayTestSupport {
    private static final String REMOTE_SENDER = "someone@pass.example";

    @BeforeAll
    void provision() throws Exception {
        domain("relay-home.test");
        domain("route.test"); // the postmaster's domain: SRS addresses are made there
        directory.addAlias("fwd@relay-home.test", "taker@" + RelayFakes.ROUTED);
        directory.addAlias("fwd@relay-home.test", RelayFakes.REFUSED);
        directory.addAlias("onward@relay-home.test", "onward@" + RelayFakes.ROUTED);
    }

    /** A sender of its own for each test, whose INBOX holds that test's reports only. */
    private Account sender() throws Exception {
        return account("s" + UUID.randomUUID().toString().substring(0, 8) + "@relay-home.test");
    }

    private static String subject() {
        return "relay " + UUID.randomUUID();
    }

    private boolean contentStored(long contentId) {
        return jdbc.sql("SELECT count(*) FROM message_contents WHERE id = ?").param(contentId).query(Long.class).single() > 0;
    }

    @Test
    void aSubmissionArrivesByteIdenticalInOneTransactionForItsDomainAndLeavesTheQueue() throws Exception {
        Account alice = sender();
        String subject = subject();
        Envelope envelope = submission(alice.address(), recipients("bob@" + RelayFakes.ROUTED, "carol@" + RelayFakes.ROUTED));
        queue(envelope, message(subject));
        byte[] queued = queuedContent(envelope.id());
        long contentId = jdbc.sql("SELECT content_id FROM outbound_queue WHERE envelope_id = ? LIMIT 1").param(envelope.id())
                .query(Long.class).single();
        assertThat(queued(envelope.id())).isEqualTo(2);

        assertThat(relay.runOnce()).isEqualTo(2);

        List<ReceivedTransaction> received = received(RelayFakes.routed(), subject);
        assertThat(received).hasSize(1);
        ReceivedTransaction transaction = received.get(0);
        assertThat(transaction.accepted()).isTrue();
        assertThat(transaction.content()).isEqualTo(queued);
        assertThat(transaction.reversePath()).isEqualTo(alice.address());
        assertThat(transaction.recipientAddresses()).containsExactlyInAnyOrder("bob@" + RelayFakes.ROUTED,
                "carol@" + RelayFakes.ROUTED);
        assertThat(transaction.heloName()).isEqualTo("mx.example.test");
        assertThat(queued(envelope.id())).isZero();
        // nothing refers to the content any more: it is collected
        await("content " + contentId + " collected", () -> !contentStored(contentId));
        assertThat(messages(alice, "INBOX")).isEmpty(); // no report was asked for
    }

    @Test
    void severalMessagesForOneDestinationShareConnections() throws Exception {
        Account alice = sender();
        String subject = subject();
        int count = 12;
        for (int i = 0; i < count; i++) {
            queue(submission(alice.address(), recipients("many" + i + "@" + RelayFakes.ROUTED)), message(subject + " #" + i));
        }
        FakeSmtpServer server = RelayFakes.routed();
        int sessionsBefore = server.sessions().size();

        assertThat(relay.runOnce()).isEqualTo(count);

        assertThat(received(server, subject)).hasSize(count).allMatch(ReceivedTransaction::accepted);
        int opened = server.sessions().size() - sessionsBefore;
        // at most mail.relay.max-connections-per-destination (3) connections, whatever the number of messages
        assertThat(opened).isLessThanOrEqualTo(3);
        assertThat(server.sessions().stream().mapToLong(s -> s.verbs().stream().filter("RSET"::equals).count()).sum())
                .isGreaterThanOrEqualTo(count - 3L);
    }

    @Test
    void aRecipientRefusedForGoodIsReportedWithTheRemoteReplyAndTheWholeMessageWhenAsked() throws Exception {
        Account alice = sender();
        String subject = subject();
        Envelope envelope = submission(alice.address(), DsnReturn.FULL, "alice-envid-1",
                EnvelopeRecipient.of("dave@" + RelayFakes.ROUTED),
                new EnvelopeRecipient(RelayFakes.REFUSED, Set.of(), "rfc822;" + RelayFakes.REFUSED));
        byte[] original = message(subject);
        queue(envelope, original);

        relay.runOnce();

        assertThat(received(RelayFakes.routed(), subject)).singleElement()
                .satisfies(t -> assertThat(t.recipientAddresses()).containsExactly("dave@" + RelayFakes.ROUTED));
        assertThat(queued(envelope.id())).isZero();
        byte[] stored = awaitInbox(alice, 1);
        assertThat(new String(stored, StandardCharsets.US_ASCII)).startsWith("Return-Path: <>\r\n");
        Dsn dsn = dsn(stored);
        assertThat(dsn.header("From")).isEqualTo("Mail Delivery System <MAILER-DAEMON@mx.example.test>");
        assertThat(dsn.header("To")).isEqualTo("<" + alice.address() + ">");
        assertThat(dsn.perMessage("Reporting-MTA")).isEqualTo("dns; mx.example.test");
        assertThat(dsn.perMessage("Original-Envelope-Id")).isEqualTo("alice-envid-1");
        assertThat(dsn.perRecipient()).hasSize(1);
        assertThat(dsn.recipient(0, "Final-Recipient")).isEqualTo("rfc822; " + RelayFakes.REFUSED);
        assertThat(dsn.recipient(0, "Original-Recipient")).isEqualTo("rfc822; " + RelayFakes.REFUSED);
        assertThat(dsn.recipient(0, "Action")).isEqualTo("failed");
        assertThat(dsn.recipient(0, "Status")).isEqualTo("5.1.1");
        assertThat(dsn.recipient(0, "Remote-MTA")).isEqualTo("dns; 127.0.0.1");
        assertThat(dsn.recipient(0, "Diagnostic-Code"))
                .isEqualTo("smtp; 550 5.1.1 <" + RelayFakes.REFUSED + ">: no such user here");
        // RET=FULL from an authenticated sender: the message comes back whole
        assertThat(dsn.returnedType()).isEqualTo("message/rfc822");
        assertThat(new String(dsn.returned(), StandardCharsets.UTF_8)).contains("Subject: " + subject, ".a line with a dot");
    }

    @Test
    void forwardedMailLeavesFromItsSrsAddressAndAnUnverifiedSenderGetsTheHeaderOnly() throws Exception {
        String subject = subject();
        Envelope envelope = fullEnvelope(REMOTE_SENDER, "192.0.2.44", "client.example.org", null,
                new EnvelopeRecipient("fwd@relay-home.test", Set.of(), null));
        envelope = new Envelope(envelope.id(), envelope.reversePath(), envelope.recipients(), envelope.clientAddress(),
                envelope.heloName(), null, null, envelope.receivedAt(), envelope.bodyType(), false, DsnReturn.FULL, null);
        queue(envelope, message(subject));
        assertThat(queued(envelope.id())).isEqualTo(2);

        relay.runOnce();

        ReceivedTransaction forwarded = received(RelayFakes.routed(), subject).get(0);
        assertThat(forwarded.reversePath()).startsWith("SRS0=").endsWith("=pass.example=someone@route.test");
        assertThat(forwarded.recipientAddresses()).containsExactly("taker@" + RelayFakes.ROUTED);
        // the report goes to the sender as it reached us, queued for the relay with the null reverse path
        String reportId = jdbc.sql("SELECT envelope_id FROM outbound_queue WHERE envelope_id LIKE ? AND reverse_path = ''"
                + " AND recipient = ?").params(envelope.id() + ".%", REMOTE_SENDER).query(String.class).single();
        Dsn dsn = dsn(queuedContent(reportId));
        assertThat(dsn.recipient(0, "Final-Recipient")).isEqualTo("rfc822; " + RelayFakes.REFUSED);
        assertThat(dsn.recipient(0, "Status")).isEqualTo("5.1.1");
        // not authenticated: the header only, whatever RET said
        assertThat(dsn.returnedType()).isEqualTo("text/rfc822-headers");
        assertThat(new String(dsn.returned(), StandardCharsets.UTF_8)).contains("Subject: " + subject)
                .doesNotContain("a line with a dot");
        assertThat(queued(envelope.id())).isZero();
    }

    /** An SRS local part often exceeds RFC 5321's 64 octets; the relay sends it as other MTAs do. */
    @Test
    void aForwardedCopyLeavesFromAnSrsAddressLongerThan64Octets() throws Exception {
        String subject = subject();
        String sender = "a.rather.long.local.part.of.a.remote.sender@pass.example";
        Envelope envelope = fullEnvelope(sender, "192.0.2.44", "client.example.org", null,
                EnvelopeRecipient.of("onward@relay-home.test"));
        queue(envelope, message(subject));

        relay.runOnce();

        ReceivedTransaction forwarded = received(RelayFakes.routed(), subject).get(0);
        String local = forwarded.reversePath().substring(0, forwarded.reversePath().lastIndexOf('@'));
        assertThat(local).startsWith("SRS0=").endsWith("=pass.example=a.rather.long.local.part.of.a.remote.sender");
        assertThat(local.length()).isGreaterThan(64);
        assertThat(forwarded.accepted()).isTrue();
        assertThat(queued(envelope.id())).isZero();
    }

    @Test
    void aMessageWithTheNullReversePathIsNeverReported() throws Exception {
        Account alice = sender();
        String subject = subject();
        Envelope envelope = submission(alice.address(), recipients(RelayFakes.REFUSED));
        envelope = new Envelope(envelope.id(), "", envelope.recipients(), envelope.clientAddress(), envelope.heloName(),
                alice.address(), null, envelope.receivedAt(), envelope.bodyType(), false, null, null);
        queue(envelope, message(subject));

        relay.runOnce();

        assertThat(queued(envelope.id())).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE envelope_id LIKE ?").param(envelope.id() + ".%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void notifySuccessIsReportedAsRelayedOnlyWhenTheNextHopCannotReportItself() throws Exception {
        Account alice = sender();
        String subject = subject();
        Set<DsnNotify> success = Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE);
        Envelope plain = submission(alice.address(), new EnvelopeRecipient("erin@" + RelayFakes.ROUTED, success, null));
        Envelope aware = submission(alice.address(), new EnvelopeRecipient("frank@" + RelayFakes.DSN_AWARE, success, null));
        queue(plain, message(subject + " plain"));
        queue(aware, message(subject + " aware"));

        relay.runOnce();

        // the DSN-aware server got the parameters and reports itself; the other did not, so we say "relayed"
        assertThat(received(RelayFakes.dsnAware(), subject + " aware")).singleElement()
                .satisfies(t -> assertThat(t.recipients().get(0)).contains("NOTIFY=").contains("SUCCESS"));
        Dsn dsn = dsn(awaitInbox(alice, 1));
        assertThat(dsn.recipient(0, "Final-Recipient")).isEqualTo("rfc822; erin@" + RelayFakes.ROUTED);
        assertThat(dsn.recipient(0, "Action")).isEqualTo("relayed");
        assertThat(dsn.recipient(0, "Status")).startsWith("2.");
        assertThat(dsn.recipient(0, "Remote-MTA")).isEqualTo("dns; 127.0.0.1");
        assertThat(dsn.recipient(0, "Diagnostic-Code")).startsWith("smtp; 250 2.0.0 queued as");
        // runOnce returns once every outcome, with its reports, is committed: no second report exists
        assertThat(messages(alice, "INBOX")).hasSize(1);
    }

    @Test
    void moreReceivedFieldsThanTheLimitFailTheMessageAsALoop() throws Exception {
        Account alice = sender();
        String subject = subject();
        Envelope looping = submission(alice.address(), recipients("gina@" + RelayFakes.ROUTED));
        Envelope atTheLimit = submission(alice.address(), recipients("hank@" + RelayFakes.ROUTED));
        queue(looping, received(31, message(subject + " looping")));
        queue(atTheLimit, received(30, message(subject + " limit")));

        relay.runOnce();

        assertThat(received(RelayFakes.routed(), subject + " looping")).isEmpty();
        assertThat(received(RelayFakes.routed(), subject + " limit")).hasSize(1);
        Dsn dsn = dsn(awaitInbox(alice, 1));
        assertThat(dsn.recipient(0, "Final-Recipient")).isEqualTo("rfc822; gina@" + RelayFakes.ROUTED);
        assertThat(dsn.recipient(0, "Status")).isEqualTo("5.4.6");
        assertThat(dsn.recipient(0, "Diagnostic-Code")).contains("31 Received: fields");
        assertThat(queued(looping.id())).isZero();
    }

    @Test
    void aRouteToOurOwnListenerIsAnErrorNotADelivery() throws Exception {
        Account alice = sender();
        Envelope envelope = submission(alice.address(), recipients("ivy@" + RelayFakes.SELF));
        queue(envelope, message(subject()));

        relay.runOnce();

        Dsn dsn = dsn(awaitInbox(alice, 1));
        assertThat(dsn.recipient(0, "Action")).isEqualTo("failed");
        assertThat(dsn.recipient(0, "Status")).isEqualTo("5.4.6");
        assertThat(dsn.recipient(0, "Diagnostic-Code")).contains("loops back to myself");
        assertThat(queued(envelope.id())).isZero();
    }

    private static byte[] received(int count, byte[] message) {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < count; i++) {
            fields.append("Received: from hop").append(i).append(".example by hop").append(i + 1)
                    .append(".example with ESMTP id ").append(i).append(";\r\n\tThu, 1 Jan 2026 00:00:00 +0000\r\n");
        }
        byte[] prefix = fields.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(message, 0, out, prefix.length, message.length);
        return out;
    }
}

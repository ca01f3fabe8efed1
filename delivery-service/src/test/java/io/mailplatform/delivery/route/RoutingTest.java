package io.mailplatform.delivery.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.local.InboundMail;
import io.mailplatform.delivery.local.LocalDelivery;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.MessageMeta;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Routing through the real directory and store: aliases (one to many, recursive, loops), nested
 * lists, members-only lists, catch-all, subaddresses, case, the postmaster, and the DSN for what
 * resolves to nothing, which for an unverified sender never fans out and never reports a policy refusal.
 */
class RoutingTest extends DeliveryTestSupport {
    @Autowired
    LocalDelivery delivery;

    Account ann;
    Account ben;
    Account cid;
    Account dee;
    Account sender;
    Account off;
    Account hostmaster;

    @BeforeAll
    void directory() throws Exception {
        domain("route.test");
        domain("catch.test");
        ann = account("ann@route.test");
        ben = account("ben@route.test");
        cid = account("cid@route.test");
        dee = account("dee@catch.test");
        sender = account("sender@route.test");
        off = account("off@route.test");
        hostmaster = account("hostmaster@route.test"); // mail.store.postmaster
        jdbc.sql("UPDATE accounts SET enabled = false WHERE id = ?").param(off.id()).update();
        directory.addAlias("team@route.test", "ann@route.test");
        directory.addAlias("team@route.test", "ben@route.test");
        directory.addAlias("all@route.test", "team@route.test");   // recursive
        directory.addAlias("all@route.test", "cid@route.test");
        directory.addAlias("all@route.test", "ann@route.test");    // ann twice: one copy
        directory.addAlias("loop1@route.test", "loop2@route.test");
        directory.addAlias("loop2@route.test", "loop1@route.test");
        directory.addAlias("half@route.test", "loop1@route.test");
        directory.addAlias("half@route.test", "cid@route.test");
        directory.addAlias("forward@route.test", "someone@remote.example");
        // a chain deeper than the limit (10)
        for (int i = 0; i < 12; i++) {
            directory.addAlias("deep" + i + "@route.test", "deep" + (i + 1) + "@route.test");
        }
        directory.addAlias("deep12@route.test", "ann@route.test");
        directory.createList("outer@route.test", false);
        directory.createList("inner@route.test", true);
        directory.addListMember("outer@route.test", "ann@route.test");
        directory.addListMember("outer@route.test", "inner@route.test");
        directory.addListMember("inner@route.test", "ann@route.test");
        directory.addListMember("inner@route.test", "ben@route.test");
        directory.createList("closed@route.test", true);
        directory.addListMember("closed@route.test", "cid@route.test");
        directory.addListMember("closed@route.test", "sender@route.test");
        directory.setCatchAll("catch.test", "dee@catch.test");
        directory.addAlias("single@route.test", "cid@route.test");
    }

    private static byte[] message() {
        return bytes("From: x@example.org\r\nSubject: routing\r\n\r\nbody\r\n");
    }

    private int count(Account account) {
        return messages(account, "INBOX").size();
    }

    private void deliver(Envelope envelope) {
        delivery.deliver(List.of(new InboundMail(envelope, message())));
    }

    private List<MessageMeta> dsns(Account account) {
        return messages(account, "INBOX").stream()
                .filter(m -> text(account, "INBOX", m.uid()).contains("report-type=delivery-status")).toList();
    }

    @Test
    void aliasesFanOutRecursivelyAndEachAccountGetsOneCopy() {
        int a = count(ann);
        int b = count(ben);
        int c = count(cid);
        deliver(envelope("x@example.org", "all@route.test"));
        assertThat(count(ann)).isEqualTo(a + 1);
        assertThat(count(ben)).isEqualTo(b + 1);
        assertThat(count(cid)).isEqualTo(c + 1);
        MessageMeta last = messages(ben, "INBOX").get(messages(ben, "INBOX").size() - 1);
        assertThat(text(ben, "INBOX", last.uid())).startsWith("Return-Path: <x@example.org>\r\nDelivered-To: ben@route.test\r\n");
    }

    @Test
    void nestedListsReachEveryMemberOnceAndMembersOnlyAppliesToTheAddressedList() {
        int a = count(ann);
        int b = count(ben);
        // a non-member writes to outer; inner is members-only but reached through outer
        deliver(envelope("x@example.org", "outer@route.test"));
        assertThat(count(ann)).isEqualTo(a + 1);
        assertThat(count(ben)).isEqualTo(b + 1);
    }

    @Test
    void membersOnlyListRefusesOtherSendersAndAcceptsMembers() {
        int c = count(cid);
        int dsnBefore = dsns(ann).size();
        // the gateway refuses this at RCPT; should such a record arrive, the unverified sender is not told
        deliver(envelope("ann@route.test", "closed@route.test"));
        assertThat(count(cid)).isEqualTo(c);
        assertThat(dsns(ann)).hasSize(dsnBefore);
        // an authenticated submission is told
        deliver(fullEnvelope("ann@route.test", "192.0.2.9", "laptop", "ann@route.test",
                EnvelopeRecipient.of("closed@route.test")));
        assertThat(count(cid)).isEqualTo(c);
        List<MessageMeta> annDsns = dsns(ann);
        assertThat(annDsns).hasSize(dsnBefore + 1);
        assertThat(text(ann, "INBOX", annDsns.get(annDsns.size() - 1).uid())).contains("Status: 5.7.2")
                .contains("Final-Recipient: rfc822; closed@route.test").startsWith("Return-Path: <>\r\n");
        int s = count(sender);
        int senderDsns = dsns(sender).size();
        deliver(envelope("Sender@Route.test", "closed@route.test"));
        assertThat(count(cid)).isEqualTo(c + 1);
        assertThat(count(sender)).isEqualTo(s + 1); // a member sender gets its copy too, and no DSN
        assertThat(dsns(sender)).hasSize(senderDsns);
    }

    @Test
    void aliasLoopsEndInADsnButOtherBranchesStillDeliver() {
        int before = dsns(sender).size();
        deliver(envelope("sender@route.test", "loop1@route.test"));
        List<MessageMeta> after = dsns(sender);
        assertThat(after).hasSize(before + 1);
        assertThat(text(sender, "INBOX", after.get(after.size() - 1).uid())).contains("Status: 5.4.6");

        int c = count(cid);
        int dsnCount = dsns(sender).size();
        deliver(envelope("sender@route.test", "half@route.test"));
        assertThat(count(cid)).isEqualTo(c + 1);
        assertThat(dsns(sender)).hasSize(dsnCount);
    }

    @Test
    void chainsDeeperThanTheLimitCountAsLoops() {
        int a = count(ann);
        int before = dsns(sender).size();
        deliver(envelope("sender@route.test", "deep0@route.test"));
        assertThat(count(ann)).isEqualTo(a);
        List<MessageMeta> after = dsns(sender);
        assertThat(after).hasSize(before + 1);
        assertThat(text(sender, "INBOX", after.get(after.size() - 1).uid())).contains("Status: 5.4.6");
    }

    @Test
    void subaddressesAndCaseReachTheAccount() {
        int a = count(ann);
        deliver(envelope("x@example.org", "Ann+Newsletters@ROUTE.test", "ANN@route.test"));
        assertThat(count(ann)).isEqualTo(a + 1); // both recipients are ann: one copy
    }

    @Test
    void unknownLocalPartsGoToTheCatchAll() {
        int d = count(dee);
        deliver(envelope("x@example.org", "whoever@catch.test", "dee+tag@catch.test"));
        assertThat(count(dee)).isEqualTo(d + 1);
    }

    @Test
    void unknownAndDisabledRecipientsProduceOneDsnListingBoth() {
        int before = dsns(sender).size();
        int a = count(ann);
        deliver(envelope("sender@route.test", "nobody@route.test", "off@route.test", "ann@route.test"));
        assertThat(count(ann)).isEqualTo(a + 1);
        List<MessageMeta> after = dsns(sender);
        assertThat(after).hasSize(before + 1);
        String dsn = text(sender, "INBOX", after.get(after.size() - 1).uid());
        assertThat(dsn).contains("Final-Recipient: rfc822; nobody@route.test", "Status: 5.1.1",
                "Final-Recipient: rfc822; off@route.test", "Status: 5.2.1").doesNotContain("rfc822; ann@route.test");
    }

    @Test
    void noDsnForTheNullReversePathNorForNotifyNever() {
        int before = dsns(sender).size();
        long queued = jdbc.sql("SELECT count(*) FROM outbound_queue").query(Long.class).single();
        deliver(envelope("", "nobody@route.test"));
        deliver(fullEnvelope("sender@route.test", "192.0.2.1", "client.example.org", null,
                new EnvelopeRecipient("nobody@route.test", Set.of(DsnNotify.NEVER), null)));
        assertThat(dsns(sender)).hasSize(before);
        assertThat(jdbc.sql("SELECT count(*) FROM outbound_queue").query(Long.class).single()).isEqualTo(queued);
    }

    @Test
    void aRemoteSendersDsnIsQueuedForTheRelayWithTheNullReversePath() {
        Envelope envelope = envelope("carol@remote.example", "nobody@route.test");
        deliver(envelope);
        List<String> rows = jdbc.sql("SELECT reverse_path || '|' || recipient || '|' || domain FROM outbound_queue"
                + " WHERE envelope_id = ?").param(envelope.id() + ".dsn").query(String.class).list();
        assertThat(rows).containsExactly("|carol@remote.example|remote.example");
    }

    @Test
    void remoteRecipientsOfAuthenticatedSubmissionsAndForwardingAliasesAreQueued() {
        Envelope submission = fullEnvelope("ann@route.test", "192.0.2.9", "laptop", "ann@route.test",
                EnvelopeRecipient.of("friend@remote.example"), EnvelopeRecipient.of("forward@route.test"));
        deliver(submission);
        assertThat(jdbc.sql("SELECT recipient FROM outbound_queue WHERE envelope_id = ? ORDER BY recipient")
                .param(submission.id()).query(String.class).list())
                .containsExactly("friend@remote.example", "someone@remote.example");
    }

    @Test
    void remoteRecipientsWithoutAuthenticationAreRefusedNotRelayedNorBounced() {
        Envelope envelope = envelope("sender@route.test", "victim@remote.example");
        int before = dsns(sender).size();
        deliver(envelope);
        assertThat(jdbc.sql("SELECT count(*) FROM outbound_queue WHERE envelope_id LIKE ?").param(envelope.id() + "%")
                .query(Long.class).single()).isZero();
        assertThat(dsns(sender)).hasSize(before);
    }

    @Test
    void postmasterOfALocalDomainWithoutOneReachesTheConfiguredPostmaster() {
        int h = count(hostmaster);
        int d = count(dee);
        // catch.test has a catch-all, but postmaster@ is reserved (RFC 5321 §4.5.1)
        deliver(envelope("x@example.org", "PostMaster@route.test", "postmaster@catch.test"));
        assertThat(count(hostmaster)).isEqualTo(h + 1);
        assertThat(count(dee)).isEqualTo(d);
    }

    /**
     * The exploit: MAIL FROM names a local list (or an alias with several targets), and a recipient
     * fails at delivery; the bounce would go to every member. For an unverified sender it is dropped;
     * a single-target alias still gets it.
     */
    @Test
    void aBounceToAnUnverifiedListOrFanOutAliasIsDroppedNotExpanded() {
        int a = dsns(ann).size();
        int b = dsns(ben).size();
        int c = dsns(cid).size();
        for (String forged : new String[] {"outer@route.test", "team@route.test", "all@route.test"}) {
            Envelope envelope = envelope(forged, "nobody@route.test");
            deliver(envelope);
            assertThat(jdbc.sql("SELECT count(*) FROM outbound_queue WHERE envelope_id LIKE ?").param(envelope.id() + "%")
                    .query(Long.class).single()).isZero();
        }
        assertThat(dsns(ann)).hasSize(a);
        assertThat(dsns(ben)).hasSize(b);
        assertThat(dsns(cid)).hasSize(c);
        deliver(envelope("single@route.test", "nobody@route.test"));
        List<MessageMeta> cidDsns = dsns(cid);
        assertThat(cidDsns).hasSize(c + 1);
        assertThat(text(cid, "INBOX", cidDsns.get(cidDsns.size() - 1).uid())).contains("Status: 5.1.1")
                .contains("text/rfc822-headers").doesNotContain("\r\nbody\r\n");
        // an authenticated sender using a shared address hears it on every mailbox behind it
        deliver(fullEnvelope("team@route.test", "192.0.2.9", "laptop", "ann@route.test",
                EnvelopeRecipient.of("nobody@route.test")));
        assertThat(dsns(ann)).hasSize(a + 1);
        assertThat(dsns(ben)).hasSize(b + 1);
    }
}

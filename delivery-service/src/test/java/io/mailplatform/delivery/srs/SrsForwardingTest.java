package io.mailplatform.delivery.srs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.address.Domain;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.core.srs.SrsCodec;
import io.mailplatform.core.srs.SrsReversal;
import io.mailplatform.delivery.local.InboundMail;
import io.mailplatform.delivery.local.LocalDelivery;
import io.mailplatform.delivery.route.RecipientResolver;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.Postmaster;
import io.mailplatform.store.srs.SrsProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SRS through the real consumer and store: mail forwarded to a remote address through an alias or a
 * list is queued for the relay with an SRS reverse path at our domain (the postmaster's, route.test,
 * in these tests), its envelope keeping the sender's own; a bounce to that address goes back to the
 * sender, queued for the relay or delivered here; what must not be rewritten is not, and SRS
 * addresses that are forged, expired or sent anything but a bounce lead nowhere.
 */
class SrsForwardingTest extends DeliveryTestSupport {
    private static final Domain SRS_DOMAIN = new Domain("route.test");
    private static final String PASSING_SENDER = "someone@pass.example";
    private static final String PASSING_CLIENT = "192.0.2.44";
    /** The next hop, whose HELO name client.example.org passes SPF from this address (a bounce is checked by it). */
    private static final String BOUNCING_CLIENT = "192.0.2.1";

    @Autowired
    LocalDelivery delivery;
    @Autowired
    SrsCodec codec;
    @Autowired
    RecipientResolver resolver;
    @Autowired
    Postmaster postmaster;

    Account ann;

    @BeforeAll
    void provision() throws Exception {
        domain("route.test");
        domain("srs.test");
        ann = account("ann@srs.test");
        directory.addAlias("fwd@srs.test", "friend@remote.example");
        directory.createList("crew@srs.test", false);
        directory.addListMember("crew@srs.test", "ann@srs.test");
        directory.addListMember("crew@srs.test", "mate@remote.example");
    }

    /** One row of the outbound queue: the MAIL FROM the relay will use, the recipient, the envelope kept for its DSNs. */
    record Queued(String reversePath, String recipient, Envelope envelope) {
    }

    private List<Queued> queued(String envelopeId) {
        return jdbc.sql("SELECT reverse_path, recipient, envelope FROM outbound_queue WHERE envelope_id = ? ORDER BY recipient")
                .param(envelopeId)
                .query((rs, n) -> new Queued(rs.getString(1), rs.getString(2), EnvelopeCodec.decode(rs.getBytes(3)))).list();
    }

    private long queuedForAnything(String envelopeId) {
        return jdbc.sql("SELECT count(*) FROM outbound_queue WHERE envelope_id LIKE ?").param(envelopeId + "%")
                .query(Long.class).single();
    }

    private static Envelope from(String sender, String client, String authenticatedUser, String... recipients) {
        return fullEnvelope(sender, client, "client.example.org", authenticatedUser,
                java.util.Arrays.stream(recipients).map(EnvelopeRecipient::of).toArray(EnvelopeRecipient[]::new));
    }

    private static byte[] message(String subject) {
        return bytes("From: someone@pass.example\r\nSubject: " + subject + "\r\n\r\nbody\r\n");
    }

    /** Through Kafka and the consumer, as the gateway hands it over; waits until every recipient is processed. */
    private void consume(Envelope envelope, int rows) throws Exception {
        publish(envelope, message("srs"));
        awaitProcessed(envelope.id(), rows);
    }

    private void deliver(Envelope envelope) {
        delivery.deliver(List.of(new InboundMail(envelope, message("srs"))));
    }

    private MailboxAddress reversed(String srs) throws Exception {
        SrsReversal reversal = codec.reverse(MailboxAddress.parse(srs));
        assertThat(reversal).isInstanceOf(SrsReversal.Reversed.class);
        return ((SrsReversal.Reversed) reversal).address();
    }

    @Test
    void mailForwardedThroughAnAliasGetsAnSrsReversePathAndItsBounceGoesBackToTheSender() throws Exception {
        Envelope original = from(PASSING_SENDER, PASSING_CLIENT, null, "fwd@srs.test");
        consume(original, 1);
        List<Queued> rows = queued(original.id());
        assertThat(rows).hasSize(1);
        Queued forwarded = rows.get(0);
        assertThat(forwarded.recipient()).isEqualTo("friend@remote.example");
        assertThat(forwarded.reversePath()).startsWith("SRS0=").endsWith("=pass.example=someone@route.test");
        assertThat(reversed(forwarded.reversePath())).hasToString(PASSING_SENDER);
        // a report of the relay goes to the sender as the message reached us, not to the SRS address
        assertThat(forwarded.envelope().reversePath()).isEqualTo(PASSING_SENDER);

        // the next hop cannot deliver it and bounces to the SRS address
        Envelope bounce = from("", BOUNCING_CLIENT, null, forwarded.reversePath());
        consume(bounce, 1);
        assertThat(queued(bounce.id())).extracting(Queued::reversePath, Queued::recipient)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("", PASSING_SENDER));
    }

    @Test
    void aListsRemoteMemberGetsTheSrsReversePathAndItsLocalMemberTheOriginal() throws Exception {
        int inbox = messages(ann, "INBOX").size();
        Envelope original = from(PASSING_SENDER, PASSING_CLIENT, null, "crew@srs.test");
        consume(original, 2);
        assertThat(queued(original.id())).singleElement().satisfies(row -> {
            assertThat(row.recipient()).isEqualTo("mate@remote.example");
            assertThat(row.reversePath()).startsWith("SRS0=").endsWith("@route.test");
        });
        assertThat(messages(ann, "INBOX")).hasSize(inbox + 1);
        assertThat(text(ann, "INBOX", messages(ann, "INBOX").get(inbox).uid()))
                .startsWith("Return-Path: <" + PASSING_SENDER + ">\r\n");
    }

    @Test
    void anotherForwardersSrs0SenderBecomesSrs1AndItsBounceGoesToThatForwarder() throws Exception {
        String theirs = "SRS0=abcd=AB=orig.example=bob@first.example";
        Envelope original = from(theirs, PASSING_CLIENT, null, "fwd@srs.test");
        consume(original, 1);
        String srs1 = queued(original.id()).get(0).reversePath();
        assertThat(srs1).startsWith("SRS1=").endsWith("=first.example==abcd=AB=orig.example=bob@route.test");
        Envelope bounce = from("", BOUNCING_CLIENT, null, srs1);
        consume(bounce, 1);
        assertThat(queued(bounce.id())).extracting(Queued::recipient).containsExactly(theirs);
    }

    @Test
    void aBounceForASenderOfOursIsDeliveredToItsMailbox() throws Exception {
        // made while srs.test was not yet ours, or by an SRS1 chain whose first forwarder is us
        MailboxAddress srs = codec.forward(MailboxAddress.parse(ann.address()), SRS_DOMAIN).orElseThrow();
        int inbox = messages(ann, "INBOX").size();
        Envelope bounce = from("", BOUNCING_CLIENT, null, srs.toString());
        consume(bounce, 1);
        assertThat(messages(ann, "INBOX")).hasSize(inbox + 1);
        assertThat(text(ann, "INBOX", messages(ann, "INBOX").get(inbox).uid()))
                .startsWith("Return-Path: <>\r\nDelivered-To: ann@srs.test\r\n");
        assertThat(queuedForAnything(bounce.id())).isZero();
    }

    @Test
    void senderOfOursNullSenderDirectRelayAndSpfFailAreNotRewritten() {
        Envelope local = from("ann@srs.test", PASSING_CLIENT, null, "fwd@srs.test");
        Envelope submission = from("ann@srs.test", "192.0.2.9", "ann@srs.test", "fwd@srs.test", "direct@remote.example");
        Envelope permitted = from("boss@partner.example", "192.0.2.9", "ann@srs.test", "direct@remote.example");
        Envelope nullSender = from("", PASSING_CLIENT, null, "fwd@srs.test");
        Envelope forged = from("someone@fail.example", PASSING_CLIENT, null, "fwd@srs.test");
        for (Envelope envelope : List.of(local, submission, permitted, nullSender, forged)) {
            deliver(envelope);
            assertThat(queued(envelope.id())).as(envelope.reversePath()).isNotEmpty()
                    .allSatisfy(row -> assertThat(row.reversePath()).isEqualTo(envelope.reversePath()));
        }
        // an authenticated client's foreign sender forwarded through an alias is forwarding all the same
        Envelope permittedForward = from("boss@partner.example", "192.0.2.9", "ann@srs.test", "fwd@srs.test");
        deliver(permittedForward);
        assertThat(queued(permittedForward.id())).singleElement()
                .satisfies(row -> assertThat(row.reversePath()).startsWith("SRS0=").endsWith("@route.test"));
    }

    @Test
    void forgedExpiredAndNonBounceSrsRecipientsLeadNowhereAndTellNobody() throws Exception {
        MailboxAddress valid = codec.forward(MailboxAddress.parse(PASSING_SENDER), SRS_DOMAIN).orElseThrow();
        String local = valid.localPart();
        // compared without regard to case: the forged character differs from the real one in every case
        char other = Character.toUpperCase(local.charAt(5)) == 'A' ? 'B' : 'A';
        String forgedHash = local.substring(0, 5) + other + local.substring(6) + "@route.test";
        String expired = codec.withClock(Clock.offset(Clock.systemUTC(), Duration.ofDays(-30)))
                .forward(MailboxAddress.parse(PASSING_SENDER), SRS_DOMAIN).orElseThrow().toString();
        for (Envelope envelope : List.of(from("", BOUNCING_CLIENT, null, forgedHash), from("", BOUNCING_CLIENT, null, expired),
                from("SRS0=abcd@route.test", BOUNCING_CLIENT, null, "SRS0=abcd@route.test"),
                from("spammer@pass.example", PASSING_CLIENT, null, valid.toString()))) {
            deliver(envelope);
            assertThat(queuedForAnything(envelope.id())).as(envelope.recipients().get(0).address()).isZero();
        }
    }

    @Test
    void theSwitchAndTheDomainSetting() throws Exception {
        Envelope envelope = from(PASSING_SENDER, PASSING_CLIENT, null, "fwd@srs.test");
        EnvelopeRecipient recipient = envelope.recipients().get(0);
        RecipientResolver.Session routing = resolver.session();
        Duration days = Duration.ofDays(21);
        assertThat(new SrsForwarding(new SrsProperties(false, null, List.of(), days), codec, postmaster)
                .reversePath(envelope, recipient, routing)).isEqualTo(PASSING_SENDER);
        // a domain that is not ours would never see the bounces
        assertThat(new SrsForwarding(new SrsProperties(true, "not-ours.example", List.of(), days), codec, postmaster)
                .reversePath(envelope, recipient, routing)).isEqualTo(PASSING_SENDER);
        assertThat(new SrsForwarding(new SrsProperties(true, "srs.test", List.of(), days), codec, postmaster)
                .reversePath(envelope, recipient, routing)).startsWith("SRS0=").endsWith("@srs.test");
        // without a setting and a local postmaster: the first local domain by name
        SrsForwarding derived = new SrsForwarding(new SrsProperties(true, null, List.of(), days), codec,
                new Postmaster("postmaster@nowhere.example"));
        assertThat(derived.reversePath(envelope, recipient, routing))
                .endsWith("@" + routing.firstLocalDomain().orElseThrow());
        assertThat(derived.domain(name -> false, java.util.Optional::empty)).isEmpty();
    }
}

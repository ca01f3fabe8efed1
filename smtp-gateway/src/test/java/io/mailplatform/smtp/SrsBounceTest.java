package io.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.address.Domain;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.core.srs.SrsCodec;
import io.mailplatform.testsupport.LineClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bounces to the SRS addresses delivery gives forwarded mail, at RCPT over a real socket: a valid
 * address takes the null reverse path whatever the directory holds; a forged, malformed or expired
 * one is refused as no such address, and a valid one refuses anything but a bounce, so that it
 * relays nothing anyone writes to the original sender.
 */
class SrsBounceTest extends GatewayTestBase {
    private static final Domain LOCAL = new Domain(TestDirectory.DOMAIN);
    private static final String INVALID = "550 5.1.1 No such address: invalid SRS address";

    SrsCodec srs;

    @BeforeAll
    void codec(@Autowired SrsCodec codec) {
        this.srs = codec;
    }

    private MailboxAddress srs0(String sender, Domain at) throws Exception {
        return srs.forward(MailboxAddress.parse(sender), at).orElseThrow();
    }

    /** For each recipient a transaction on the MX listener, unauthenticated, from this sender: the RCPT replies. */
    private List<String> rcpt(String from, String... recipients) throws Exception {
        try (LineClient client = new LineClient("127.0.0.1", server.port("smtp"))) {
            client.readLine();
            client.send("EHLO bounce.example.org");
            client.readSmtpReply();
            List<String> replies = new ArrayList<>();
            for (String recipient : recipients) {
                client.send("MAIL FROM:<" + from + ">");
                assertThat(client.readLine()).startsWith("250 ");
                client.send("RCPT TO:<" + recipient + ">");
                replies.add(client.readLine());
                client.send("RSET");
                assertThat(client.readLine()).startsWith("250 ");
            }
            return replies;
        }
    }

    @Test
    void aBounceToAValidSrsAddressIsAcceptedAndPublishedForDelivery() throws Exception {
        MailboxAddress address = srs0("someone@remote.example", LOCAL);
        String id;
        try (LineClient client = new LineClient("127.0.0.1", server.port("smtp"))) {
            client.readLine();
            client.send("EHLO bounce.example.org");
            client.readSmtpReply();
            client.write("MAIL FROM:<>\r\nRCPT TO:<" + address + ">\r\nDATA\r\n");
            assertThat(client.readLine()).isEqualTo("250 2.1.0 Sender ok");
            assertThat(client.readLine()).isEqualTo("250 2.1.5 Recipient ok");
            assertThat(client.readLine()).startsWith("354 ");
            client.write("Subject: Undelivered Mail Returned to Sender\r\n\r\nno such user\r\n.\r\n");
            String reply = client.readLine();
            assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
            id = reply.substring(reply.lastIndexOf(' ') + 1);
        }
        List<InboundTopic.Published> records = InboundTopic.withId(id);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).envelope().recipients()).containsExactly(EnvelopeRecipient.of(address.toString()));
    }

    @Test
    void everyFormOfAValidAddressIsAcceptedFromTheNullSender() throws Exception {
        MailboxAddress address = srs0("someone@remote.example", LOCAL);
        MailboxAddress srs1 = srs.forward(MailboxAddress.parse("SRS0=abcd=AB=remote.example=someone@first.example"),
                LOCAL).orElseThrow();
        MailboxAddress longOne = srs0("a.rather.long.local.part.of.a.sender@a.rather.long.domain.of.a.sender.example", LOCAL);
        assertThat(longOne.localPart().length()).isGreaterThan(MailboxAddress.MAX_LOCAL_PART_OCTETS);
        assertThat(rcpt("", address.toString(),
                address.toString().toLowerCase(), // some MTAs lower-case the whole address
                "srs0+" + address.localPart().substring(5) + "@" + LOCAL, // another first separator
                srs1.toString(),
                longOne.toString(),
                srs0("someone@remote.example", new Domain("second.test")).toString())) // any local domain
                .containsOnly("250 2.1.5 Recipient ok");
    }

    @Test
    void forgedMalformedAndExpiredAddressesAreNoSuchAddress() throws Exception {
        MailboxAddress valid = srs0("someone@remote.example", LOCAL);
        String local = valid.localPart();
        // compared without regard to case: the forged character differs from the real one in every case
        char other = Character.toUpperCase(local.charAt(5)) == 'A' ? 'B' : 'A';
        String forgedHash = local.substring(0, 5) + other + local.substring(6);
        String otherTarget = local.replace("someone", "victim");
        MailboxAddress expired = srs.withClock(Clock.offset(Clock.systemUTC(), Duration.ofDays(-22)))
                .forward(MailboxAddress.parse("someone@remote.example"), LOCAL).orElseThrow();
        MailboxAddress lastDay = srs.withClock(Clock.offset(Clock.systemUTC(), Duration.ofDays(-20)))
                .forward(MailboxAddress.parse("someone@remote.example"), LOCAL).orElseThrow();
        assertThat(rcpt("", forgedHash + "@" + LOCAL, otherTarget + "@" + LOCAL, "SRS0=abcd@" + LOCAL,
                "SRS1=abcd=remote.example@" + LOCAL, expired.toString(), lastDay.toString()))
                .containsExactly(INVALID, INVALID, INVALID, INVALID, "550 5.1.1 No such address: SRS address expired",
                        "250 2.1.5 Recipient ok");
    }

    @Test
    void aValidAddressTakesNothingButBounces() throws Exception {
        MailboxAddress address = srs0("someone@remote.example", LOCAL);
        assertThat(rcpt("spammer@elsewhere.example", address.toString(), TestDirectory.ALICE))
                .containsExactly("550 5.7.1 This address accepts only bounces (MAIL FROM:<>)", "250 2.1.5 Recipient ok");
    }

    @Test
    void anSrsAddressAtADomainThatIsNotOursIsARelayRecipientAsAnyOther() throws Exception {
        MailboxAddress elsewhere = srs0("someone@remote.example", new Domain("not-ours.example"));
        assertThat(rcpt("", elsewhere.toString())).containsExactly("554 5.7.1 Relaying denied");
    }
}

package io.mailplatform.delivery.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.DsnReturn;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCommandsTest {

    private static OutboundTransaction transaction(String from, DsnReturn ret, String envid) {
        return new OutboundTransaction(from, List.of(EnvelopeRecipient.of("bob@example.org")), BodyType.EIGHT_BIT_MIME,
                false, ret, envid, MessageContent.of(new byte[10]));
    }

    @Test
    void mailFromCarriesTheChosenParameters() throws Exception {
        OutboundTransaction transaction = transaction("alice@example.test", DsnReturn.HDRS, "env 1+=");
        assertThat(EnvelopeCommands.mailFrom(transaction, new EnvelopeCommands.MailParameters(10, BodyType.EIGHT_BIT_MIME,
                true, true))).isEqualTo("MAIL FROM:<alice@example.test> SIZE=10 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=env+201+2B+3D");
        assertThat(EnvelopeCommands.mailFrom(transaction, new EnvelopeCommands.MailParameters(0, null, false, false)))
                .isEqualTo("MAIL FROM:<alice@example.test>");
        assertThat(EnvelopeCommands.mailFrom(transaction("", null, null),
                new EnvelopeCommands.MailParameters(0, null, false, true))).isEqualTo("MAIL FROM:<>");
    }

    @Test
    void dsnValuesThatCouldBreakTheLineOrAreTooLongAreLeftOut() throws Exception {
        EnvelopeCommands.MailParameters dsn = new EnvelopeCommands.MailParameters(0, null, false, true);
        assertThat(EnvelopeCommands.mailFrom(transaction("a@b.test", null, "x\r\nRCPT TO:<evil@x>"), dsn))
                .isEqualTo("MAIL FROM:<a@b.test>");
        assertThat(EnvelopeCommands.mailFrom(transaction("a@b.test", null, "x".repeat(101)), dsn))
                .isEqualTo("MAIL FROM:<a@b.test>");
        EnvelopeRecipient forged = new EnvelopeRecipient("bob@example.org", Set.of(), "rfc822;bob@x\r\nDATA");
        assertThat(EnvelopeCommands.rcptTo(forged, true)).isEqualTo("RCPT TO:<bob@example.org>");
    }

    @Test
    void rcptToCarriesNotifyAndOrcptOnlyWhenTheServerTakesDsn() throws Exception {
        EnvelopeRecipient recipient = new EnvelopeRecipient("bob@example.org",
                Set.of(DsnNotify.DELAY, DsnNotify.FAILURE, DsnNotify.SUCCESS), "rfc822;Bob+40example.org");
        assertThat(EnvelopeCommands.rcptTo(recipient, true))
                .isEqualTo("RCPT TO:<bob@example.org> NOTIFY=SUCCESS,FAILURE,DELAY ORCPT=rfc822;Bob+40example.org");
        assertThat(EnvelopeCommands.rcptTo(recipient, false)).isEqualTo("RCPT TO:<bob@example.org>");
        assertThat(EnvelopeCommands.rcptTo(new EnvelopeRecipient("bob@example.org", Set.of(DsnNotify.NEVER), null), true))
                .isEqualTo("RCPT TO:<bob@example.org> NOTIFY=NEVER");
    }

    @Test
    void aLocalPartThatIsNoDotAtomIsQuoted() throws Exception {
        assertThat(EnvelopeCommands.path("john doe@example.org", false)).isEqualTo("<\"john doe\"@example.org>");
        assertThat(EnvelopeCommands.path("a\"b@example.org", false)).isEqualTo("<\"a\\\"b\"@example.org>");
        assertThat(EnvelopeCommands.path("j\u00f6rg@b\u00fccher.example", false)).isEqualTo("<j\u00f6rg@xn--bcher-kva.example>");
    }

    /** RFC 5321 §4.5.3.1.1's 64 octets hold, except for SRS local parts (forwarded mail's reverse path). */
    @Test
    void onlyAnSrsLocalPartMayBeLongerThan64Octets() throws Exception {
        String srs = "SRS0=HHHH=TT=pass.example=a.rather.long.local.part.of.a.remote.sender";
        assertThat(srs.length()).isGreaterThan(64);
        assertThat(EnvelopeCommands.path(srs + "@example.test", true)).isEqualTo("<" + srs + "@example.test>");
        assertThat(EnvelopeCommands.path(srs + "@example.test", false)).isEqualTo("<" + srs + "@example.test>");
        assertThatThrownBy(() -> EnvelopeCommands.path("x".repeat(65) + "@example.test", true))
                .isInstanceOf(EnvelopeCommands.InvalidPathException.class);
        assertThatThrownBy(() -> EnvelopeCommands.path("SRS0=" + "x".repeat(260) + "@example.test", true))
                .isInstanceOf(EnvelopeCommands.InvalidPathException.class); // the 256-octet path still holds
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no-at-sign", "@example.org", "bob@", "bob@exa mple.org", "bob\r\n@example.org",
            "bob@example.org>\r\nDATA", "bob@-bad-.org"})
    void whatIsNoMailboxIsNeverWritten(String address) {
        assertThatThrownBy(() -> EnvelopeCommands.path(address, false))
                .isInstanceOf(EnvelopeCommands.InvalidPathException.class);
    }
}

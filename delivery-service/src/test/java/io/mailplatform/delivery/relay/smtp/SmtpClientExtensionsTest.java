package io.mailplatform.delivery.relay.smtp;

import static io.mailplatform.delivery.relay.smtp.RelayClients.bytes;
import static io.mailplatform.delivery.relay.smtp.RelayClients.connected;
import static io.mailplatform.delivery.relay.smtp.RelayClients.message;
import static io.mailplatform.delivery.relay.smtp.RelayClients.send;
import static io.mailplatform.delivery.relay.smtp.RelayClients.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.DsnReturn;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import io.mailplatform.testsupport.smtp.ReceivedTransaction;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What the client asks of a server depends on what the server announced in EHLO. */
class SmtpClientExtensionsTest {
    private static final SmtpClient client = RelayClients.client();
    private static final byte[] EIGHT_BIT = bytes("Subject: caf\u00e9\r\n\r\n\u00e9t\u00e9\r\n");
    private static final byte[] EIGHT_BIT_BODY = bytes("Subject: ascii\r\n\r\n\u00e9t\u00e9\r\n");

    @AfterAll
    static void stop() {
        client.close();
    }

    private static OutboundTransaction utf8(String to, byte[] content) {
        return new OutboundTransaction("alice@example.test", List.of(EnvelopeRecipient.of(to)), BodyType.EIGHT_BIT_MIME,
                true, null, null, MessageContent.of(content));
    }

    @Test
    void aMessageLargerThanTheServersSizeFailsPermanentlyWithoutBeingSent() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().extensions("SIZE 1000", "PIPELINING").start()) {
            SmtpConnection connection = connected(client, server);
            TransactionResult tooBig = send(connection, transaction("alice@example.test",
                    List.of("a@example.org", "b@example.org"), message("big", "x".repeat(2000) + "\r\n")));

            assertThat(tooBig.permanentFailures()).hasSize(2);
            SmtpFailure failure = tooBig.recipients().get(0).failure();
            assertThat(failure.kind()).isEqualTo(FailureKind.MESSAGE_TOO_BIG);
            assertThat(failure.status()).hasToString("5.3.4");
            assertThat(failure.detail()).contains("1000");
            assertThat(tooBig.message()).isInstanceOf(MessageOutcome.NotSent.class);
            assertThat(server.sessions().get(0).verbs()).containsExactly("EHLO");

            byte[] small = message("small", "fits\r\n");
            assertThat(send(connection, transaction("alice@example.test", List.of("a@example.org"), small)).delivered())
                    .hasSize(1);
            assertThat(server.accepted().get(0).mailFrom()).isEqualTo("<alice@example.test> SIZE=" + small.length);
        }
    }

    @Test
    void dsnParametersGoOnlyToAServerThatOffersDsn() throws Exception {
        OutboundTransaction transaction = new OutboundTransaction("alice@example.test",
                List.of(new EnvelopeRecipient("bob@example.org", Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE),
                        "rfc822;bob@example.org"), EnvelopeRecipient.of("carol@example.org")),
                BodyType.SEVEN_BIT, false, DsnReturn.HDRS, "env-42", MessageContent.of(message("dsn", "x\r\n")));
        try (FakeSmtpServer withDsn = FakeSmtpServer.builder().extensions("DSN").start();
                FakeSmtpServer withoutDsn = FakeSmtpServer.builder().start()) {
            TransactionResult passedOn = send(connected(client, withDsn), transaction);
            assertThat(passedOn.dsnPassedOn()).isTrue();
            ReceivedTransaction received = withDsn.accepted().get(0);
            assertThat(received.mailFrom()).isEqualTo("<alice@example.test> RET=HDRS ENVID=env-42");
            assertThat(received.recipients()).containsExactly(
                    "<bob@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.org", "<carol@example.org>");

            TransactionResult notPassedOn = send(connected(client, withoutDsn), transaction);
            assertThat(notPassedOn.dsnPassedOn()).isFalse();
            assertThat(notPassedOn.delivered()).hasSize(2);
            assertThat(withoutDsn.accepted().get(0).mailFrom()).isEqualTo("<alice@example.test>");
            assertThat(withoutDsn.accepted().get(0).recipients()).containsExactly("<bob@example.org>", "<carol@example.org>");
        }
    }

    @Test
    void eightBitTextGoesOnlyToAServerWith8BitMime() throws Exception {
        try (FakeSmtpServer with = FakeSmtpServer.builder().extensions("8BITMIME").start();
                FakeSmtpServer without = FakeSmtpServer.builder().start()) {
            send(connected(client, with), transaction("alice@example.test", List.of("bob@example.org"),
                    BodyType.EIGHT_BIT_MIME, EIGHT_BIT_BODY));
            assertThat(with.accepted().get(0).mailFrom()).isEqualTo("<alice@example.test> BODY=8BITMIME");
            assertThat(with.accepted().get(0).content()).isEqualTo(EIGHT_BIT_BODY);

            SmtpConnection connection = connected(client, without);
            // RFC 6152 allows no downgrade but by conversion, which the client does not do
            TransactionResult refused = send(connection, transaction("alice@example.test", List.of("bob@example.org"),
                    BodyType.EIGHT_BIT_MIME, EIGHT_BIT_BODY));
            SmtpFailure failure = refused.recipients().get(0).failure();
            assertThat(failure.kind()).isEqualTo(FailureKind.EXTENSION_MISSING);
            assertThat(failure.permanent()).isTrue();
            assertThat(failure.status()).hasToString("5.6.3");
            assertThat(without.sessions().get(0).verbs()).containsExactly("EHLO");

            // declared 8BITMIME but 7-bit clean: goes, without BODY=
            byte[] ascii = message("plain", "only ascii\r\n");
            assertThat(send(connection, transaction("alice@example.test", List.of("bob@example.org"),
                    BodyType.EIGHT_BIT_MIME, ascii)).delivered()).hasSize(1);
            assertThat(without.accepted().get(0).mailFrom()).isEqualTo("<alice@example.test>");
            // 8-bit text declared as 7BIT is still 8-bit: refused too
            assertThat(send(connection, transaction("alice@example.test", List.of("bob@example.org"), EIGHT_BIT_BODY))
                    .permanentFailures()).hasSize(1);
        }
    }

    @Test
    void internationalAddressesAndUtf8HeadersNeedSmtpUtf8() throws Exception {
        try (FakeSmtpServer with = FakeSmtpServer.builder().extensions("8BITMIME", "SMTPUTF8").start();
                FakeSmtpServer without = FakeSmtpServer.builder().extensions("8BITMIME").start()) {
            OutboundTransaction international = new OutboundTransaction("alice@example.test",
                    List.of(EnvelopeRecipient.of("j\u00f6rg@example.org"), EnvelopeRecipient.of("bob@example.org")),
                    BodyType.EIGHT_BIT_MIME, true, null, null, MessageContent.of(EIGHT_BIT));
            assertThat(send(connected(client, with), international).delivered()).hasSize(2);
            assertThat(with.accepted().get(0).mailFrom()).isEqualTo("<alice@example.test> BODY=8BITMIME SMTPUTF8");
            assertThat(with.accepted().get(0).recipientAddresses()).containsExactly("j\u00f6rg@example.org", "bob@example.org");

            SmtpConnection connection = connected(client, without);
            TransactionResult result = send(connection, new OutboundTransaction("alice@example.test",
                    List.of(EnvelopeRecipient.of("j\u00f6rg@example.org"), EnvelopeRecipient.of("bob@example.org")),
                    BodyType.EIGHT_BIT_MIME, true, null, null, MessageContent.of(EIGHT_BIT_BODY)));
            assertThat(result.recipients().get(0).failure().status()).hasToString("5.6.7");
            assertThat(result.recipients().get(1).delivered()).isTrue();
            assertThat(without.accepted().get(0).mailFrom()).isEqualTo("<alice@example.test> BODY=8BITMIME");

            TransactionResult utf8Header = send(connection, utf8("bob@example.org", EIGHT_BIT));
            assertThat(utf8Header.recipients().get(0).failure().status()).hasToString("5.6.7");
            assertThat(without.accepted()).hasSize(1);
        }
    }

    @Test
    void binaryMimeGoesInBdatChunksUnchanged() throws Exception {
        byte[] binary = new byte[200_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31 + i / 7); // NULs, bare CRs and LFs, lines of dots
        }
        OutboundTransaction transaction = transaction("alice@example.test", List.of("bob@example.org"),
                BodyType.BINARY_MIME, binary);
        try (FakeSmtpServer with = FakeSmtpServer.builder().extensions("CHUNKING", "BINARYMIME", "PIPELINING").start();
                FakeSmtpServer chunkingOnly = FakeSmtpServer.builder().extensions("CHUNKING", "8BITMIME").start()) {
            SmtpConnection connection = connected(client, with);
            assertThat(send(connection, transaction).delivered()).hasSize(1);
            ReceivedTransaction received = with.accepted().get(0);
            assertThat(received.bdat()).isTrue();
            assertThat(received.content()).isEqualTo(binary);
            assertThat(received.mailFrom()).isEqualTo("<alice@example.test> BODY=BINARYMIME");
            assertThat(with.sessions().get(0).verbs()).containsSubsequence("MAIL", "RCPT", "BDAT", "BDAT", "BDAT", "BDAT");
            assertThat(with.sessions().get(0).verbs()).doesNotContain("DATA");

            TransactionResult refused = send(connected(client, chunkingOnly), transaction);
            assertThat(refused.recipients().get(0).failure().status()).hasToString("5.6.3");
            assertThat(chunkingOnly.transactions()).isEmpty();
        }
    }
}

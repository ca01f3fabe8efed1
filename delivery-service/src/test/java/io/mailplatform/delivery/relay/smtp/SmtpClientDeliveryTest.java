package io.mailplatform.delivery.relay.smtp;

import static io.mailplatform.delivery.relay.smtp.RelayClients.bytes;
import static io.mailplatform.delivery.relay.smtp.RelayClients.connected;
import static io.mailplatform.delivery.relay.smtp.RelayClients.message;
import static io.mailplatform.delivery.relay.smtp.RelayClients.send;
import static io.mailplatform.delivery.relay.smtp.RelayClients.transaction;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.smtp.FakeResponse;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import io.mailplatform.testsupport.smtp.FakeSmtpSessionLog;
import io.mailplatform.testsupport.smtp.ReceivedCommand;
import io.mailplatform.testsupport.smtp.ReceivedTransaction;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against a scripted remote server over real sockets: transactions and their outcomes. */
class SmtpClientDeliveryTest {
    private static final SmtpClient client = RelayClients.client();

    @AfterAll
    static void stop() {
        client.close();
    }

    private static void quit(SmtpConnection connection, FakeSmtpServer server) {
        RelayClients.await(connection.close());
        assertThat(server.sessions().get(0).verbs()).endsWith("QUIT");
    }

    @Test
    void theStoredOctetsArriveUnchangedDotsIncluded() throws Exception {
        byte[] content = message("dots", ".leading dot\r\n..two dots\r\n.\r\nmid.dle\r\n. \r\n\u00e9t\u00e9 8-bit\r\n");
        try (FakeSmtpServer server = FakeSmtpServer.builder().extensions("8BITMIME").start()) {
            SmtpConnection connection = connected(client, server);
            TransactionResult result = send(connection, transaction("alice@example.test", List.of("bob@example.org"), content));

            assertThat(result.delivered()).hasSize(1);
            assertThat(result.message()).isInstanceOf(MessageOutcome.Accepted.class);
            assertThat(((RecipientOutcome.Delivered) result.recipients().get(0).outcome()).reply().code()).isEqualTo(250);
            ReceivedTransaction received = server.accepted().get(0);
            assertThat(received.content()).isEqualTo(content);
            assertThat(received.strayLineEnds()).isFalse();
            assertThat(received.reversePath()).isEqualTo("alice@example.test");
            assertThat(received.recipientAddresses()).containsExactly("bob@example.org");
            assertThat(received.heloName()).isEqualTo(RelayClients.HELO);
            assertThat(connection.isUsable()).isTrue();
            quit(connection, server);
            assertThat(connection.isUsable()).isFalse();
        }
    }

    @Test
    void bareLineFeedsAndCarriageReturnsTravelAsCrlfAndALastLineEndIsAdded() throws Exception {
        byte[] content = bytes("Subject: unix\n\nline one\nline two\r\nold mac\r.dot after cr\nno end");
        try (FakeSmtpServer server = FakeSmtpServer.builder().start()) {
            SmtpConnection connection = connected(client, server);
            assertThat(send(connection, transaction("alice@example.test", List.of("bob@example.org"), content))
                    .delivered()).hasSize(1);

            ReceivedTransaction received = server.accepted().get(0);
            assertThat(received.text())
                    .isEqualTo("Subject: unix\r\n\r\nline one\r\nline two\r\nold mac\r\n.dot after cr\r\nno end\r\n");
            assertThat(received.strayLineEnds()).isFalse();
        }
    }

    @Test
    void anEmptyMessageIsJustTheFinalDot() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().start()) {
            SmtpConnection connection = connected(client, server);
            assertThat(send(connection, transaction("", List.of("bob@example.org"), new byte[0])).delivered()).hasSize(1);
            assertThat(server.accepted().get(0).size()).isZero();
            assertThat(server.accepted().get(0).mailFrom()).isEqualTo("<>");
        }
    }

    @Test
    void oneConnectionCarriesSeveralTransactionsWithRsetBetween() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().start()) {
            SmtpConnection connection = connected(client, server);
            for (int i = 1; i <= 3; i++) {
                TransactionResult result = send(connection, transaction("alice@example.test",
                        List.of("bob" + i + "@example.org"), message("number " + i, "body " + i + "\r\n")));
                assertThat(result.delivered()).hasSize(1);
                assertThat(connection.isUsable()).isTrue();
            }
            assertThat(connection.transactionCount()).isEqualTo(3);
            quit(connection, server);

            assertThat(server.sessions()).hasSize(1);
            assertThat(server.sessions().get(0).verbs()).containsExactly("EHLO", "MAIL", "RCPT", "DATA",
                    "RSET", "MAIL", "RCPT", "DATA", "RSET", "MAIL", "RCPT", "DATA", "QUIT");
            assertThat(server.accepted()).extracting(t -> t.recipientAddresses().get(0))
                    .containsExactly("bob1@example.org", "bob2@example.org", "bob3@example.org");
        }
    }

    @Test
    void aServerThatRefusesEhloIsGreetedWithHelo() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().ehloRefused().extensions("PIPELINING", "SIZE 10").start()) {
            SmtpConnection connection = connected(client, server);
            assertThat(connection.extensions()).isEqualTo(EhloExtensions.NONE);
            assertThat(send(connection, transaction("alice@example.test", List.of("bob@example.org"),
                    message("helo", "old server\r\n"))).delivered()).hasSize(1);

            FakeSmtpSessionLog session = server.sessions().get(0);
            assertThat(session.verbs()).startsWith("EHLO", "HELO", "MAIL");
            assertThat(session.ehlo()).isFalse();
            assertThat(server.accepted().get(0).mailFrom()).isEqualTo("<alice@example.test>"); // no SIZE= after HELO
        }
    }

    @Test
    void withPipeliningTheEnvelopeGoesInOneWrite() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().extensions("PIPELINING").start()) {
            SmtpConnection connection = connected(client, server);
            List<String> recipients = List.of("a@example.org", "b@example.org", "c@example.org");
            for (int i = 0; i < 2; i++) {
                assertThat(send(connection, transaction("alice@example.test", recipients, message("p", "x\r\n")))
                        .delivered()).hasSize(3);
            }
            quit(connection, server);

            List<ReceivedCommand> commands = server.sessions().get(0).commands();
            assertThat(commands).extracting(ReceivedCommand::verb).containsExactly("EHLO", "MAIL", "RCPT", "RCPT", "RCPT",
                    "DATA", "RSET", "MAIL", "RCPT", "RCPT", "RCPT", "DATA", "QUIT");
            // everything but the last command of each group was already followed by the rest when read
            assertThat(commands).extracting(ReceivedCommand::moreInputWaiting).containsExactly(false, true, true, true, true,
                    false, true, true, true, true, true, false, false);
        }
    }

    @Test
    void withoutPipeliningEachCommandWaitsForItsReply() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().start()) {
            SmtpConnection connection = connected(client, server);
            List<String> recipients = List.of("a@example.org", "b@example.org", "c@example.org");
            for (int i = 0; i < 2; i++) {
                assertThat(send(connection, transaction("alice@example.test", recipients, message("p", "x\r\n")))
                        .delivered()).hasSize(3);
            }
            quit(connection, server);

            List<ReceivedCommand> commands = server.sessions().get(0).commands();
            assertThat(commands).hasSize(13).noneMatch(ReceivedCommand::moreInputWaiting);
        }
    }

    private static FakeSmtpServer start(FakeSmtpServer.Builder builder, boolean pipelining) throws Exception {
        return (pipelining ? builder.extensions("PIPELINING") : builder).start();
    }

    @ParameterizedTest(name = "pipelining {0}")
    @ValueSource(booleans = {true, false})
    void eachRecipientHasItsOwnOutcome(boolean pipelining) throws Exception {
        try (FakeSmtpServer server = start(FakeSmtpServer.builder()
                .onRecipient("bob@example.org", FakeResponse.reply("550 5.1.1 <bob@example.org>: no such user"))
                .onRecipient("dave@example.org", FakeResponse.reply("452 4.2.2 mailbox full")), pipelining)) {
            SmtpConnection connection = connected(client, server);
            TransactionResult result = send(connection, transaction("alice@example.test",
                    List.of("alice@example.org", "bob@example.org", "carol@example.org", "dave@example.org"),
                    message("some", "hello\r\n")));

            assertThat(result.delivered()).extracting(r -> r.recipient().address())
                    .containsExactly("alice@example.org", "carol@example.org");
            SmtpFailure bob = result.recipients().get(1).failure();
            assertThat(bob.permanent()).isTrue();
            assertThat(bob.kind()).isEqualTo(FailureKind.REFUSED);
            assertThat(bob.status()).hasToString("5.1.1");
            assertThat(bob.diagnosticCode()).isEqualTo("smtp; 550 5.1.1 <bob@example.org>: no such user");
            SmtpFailure dave = result.recipients().get(3).failure();
            assertThat(dave.permanent()).isFalse();
            assertThat(dave.status()).hasToString("4.2.2");
            assertThat(result.permanentFailures()).hasSize(1);
            assertThat(result.temporaryFailures()).hasSize(1);
            assertThat(server.accepted().get(0).recipientAddresses()).containsExactly("alice@example.org", "carol@example.org");
        }
    }

    @ParameterizedTest(name = "pipelining {0}")
    @ValueSource(booleans = {true, false})
    void whenEveryRecipientIsRefusedNoMessageIsSent(boolean pipelining) throws Exception {
        try (FakeSmtpServer server = start(FakeSmtpServer.builder()
                .on("RCPT", FakeResponse.reply("550 5.7.1 relaying denied")), pipelining)) {
            SmtpConnection connection = connected(client, server);
            TransactionResult result = send(connection, transaction("alice@example.test",
                    List.of("a@example.org", "b@example.org"), message("no", "body\r\n")));

            assertThat(result.permanentFailures()).hasSize(2);
            assertThat(result.message()).isInstanceOf(MessageOutcome.NotSent.class);
            assertThat(server.transactions()).isEmpty();
            // RFC 2920 §3.1: a pipelining client has sent DATA, which the server refuses; the others never send it
            assertThat(server.sessions().get(0).verbs().contains("DATA")).isEqualTo(pipelining);
            assertThat(connection.isUsable()).isTrue();
            assertThat(send(connection, transaction("alice@example.test", List.of("c@example.org"), message("n", "b\r\n")))
                    .permanentFailures()).hasSize(1);
        }
    }

    @Test
    void aRefusedSenderFailsEveryRecipientWithItsReply() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder()
                .on("MAIL", FakeResponse.reply("553 5.1.8 sender domain does not exist")).start()) {
            SmtpConnection connection = connected(client, server);
            TransactionResult result = send(connection, transaction("alice@nowhere.test",
                    List.of("a@example.org", "b@example.org"), message("x", "y\r\n")));

            assertThat(result.permanentFailures()).extracting(r -> r.failure().status().toString())
                    .containsExactly("5.1.8", "5.1.8");
            assertThat(server.sessions().get(0).verbs()).containsExactly("EHLO", "MAIL");
        }
    }

    @Test
    void aTemporaryFailureAtTheEndSucceedsOnTheNextTry() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().tempFailFirst(2).start()) {
            SmtpConnection connection = connected(client, server);
            OutboundTransaction transaction = transaction("alice@example.test", List.of("bob@example.org"),
                    message("retry", "again\r\n"));
            for (int attempt = 1; attempt <= 2; attempt++) {
                TransactionResult failed = send(connection, transaction);
                assertThat(failed.temporaryFailures()).as("attempt %d", attempt).hasSize(1);
                assertThat(failed.recipients().get(0).failure().diagnosticCode()).isEqualTo("smtp; 451 4.3.0 try again later");
                assertThat(failed.message()).isInstanceOf(MessageOutcome.Failed.class);
            }
            assertThat(send(connection, transaction).delivered()).hasSize(1);
            assertThat(server.transactions()).extracting(ReceivedTransaction::accepted).containsExactly(false, false, true);
        }
    }

    @Test
    void aMessageRefusedAtItsEndIsAPermanentFailureForEveryAcceptedRecipient() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder()
                .on("DATA-END", FakeResponse.reply("554 5.7.1 message looks like spam"))
                .onRecipient("gone@example.org", FakeResponse.reply("550 5.1.1 gone")).start()) {
            SmtpConnection connection = connected(client, server);
            TransactionResult result = send(connection, transaction("alice@example.test",
                    List.of("a@example.org", "gone@example.org"), message("spam", "buy\r\n")));

            assertThat(result.recipients()).extracting(r -> r.failure().diagnosticCode())
                    .containsExactly("smtp; 554 5.7.1 message looks like spam", "smtp; 550 5.1.1 gone");
            assertThat(((MessageOutcome.Failed) result.message()).failure().status()).hasToString("5.7.1");
        }
    }

    @Test
    void aConnectionDroppedDuringDataIsATemporaryFailureAndUnusable() throws Exception {
        byte[] content = message("big", "x".repeat(200) + "\r\n");
        byte[] large = new byte[content.length * 500];
        for (int i = 0; i < 500; i++) {
            System.arraycopy(content, 0, large, i * content.length, content.length);
        }
        try (FakeSmtpServer server = FakeSmtpServer.builder().dropDuringData(5_000).start()) {
            SmtpConnection connection = connected(client, server);
            TransactionResult result = send(connection, transaction("alice@example.test",
                    List.of("a@example.org", "b@example.org"), large));

            assertThat(result.temporaryFailures()).hasSize(2);
            SmtpFailure failure = result.recipients().get(0).failure();
            assertThat(failure.kind()).isEqualTo(FailureKind.CONNECTION_LOST);
            assertThat(failure.status()).hasToString("4.4.2");
            assertThat(result.message()).isInstanceOf(MessageOutcome.Failed.class);
            assertThat(connection.isUsable()).isFalse();
            assertThat(server.transactions()).isEmpty();

            TransactionResult after = send(connection, transaction("alice@example.test", List.of("a@example.org"),
                    message("later", "x\r\n")));
            assertThat(after.temporaryFailures()).hasSize(1);
        }
    }
}

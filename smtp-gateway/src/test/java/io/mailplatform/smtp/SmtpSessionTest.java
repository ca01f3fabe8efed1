package io.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.DsnReturn;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.smtp.policy.RecipientDirectory;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sessions over real sockets where a transcript cannot say enough: what reaches Kafka, and TLS corner cases. */
class SmtpSessionTest extends GatewayTestBase {
    static String ehlo(LineClient client) throws Exception {
        client.send("EHLO client.example.org");
        List<String> reply = client.readSmtpReply();
        return String.join("\n", reply);
    }

    @Test
    void plaintextPipelinedAfterStarttlsIsNeverExecuted() throws Exception {
        try (LineClient client = new LineClient("127.0.0.1", server.port("smtp"))) {
            assertThat(client.readLine()).startsWith("220 ");
            ehlo(client);
            // the injected MAIL must not run, neither before nor after the handshake
            client.write("STARTTLS\r\nMAIL FROM:<attacker@example.org>\r\nRCPT TO:<alice@example.test>\r\n");
            assertThat(client.readLine()).isEqualTo("220 2.0.0 Ready to start TLS");
            client.startTls(Transcript.trustAll());
            client.send("NOOP");
            assertThat(client.readLine()).isEqualTo("250 2.0.0 Ok");
            // a transaction after TLS needs a new EHLO: the injected MAIL did not open one
            client.send("RCPT TO:<alice@example.test>");
            assertThat(client.readLine()).isEqualTo("503 5.5.1 Need MAIL before this command");
            assertThat(ehlo(client)).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
        }
    }

    @Test
    void theRecordCarriesTheMessageBehindAReceivedFieldAndTheWholeEnvelope() throws Exception {
        String id;
        try (LineClient client = new LineClient("127.0.0.1", server.port("submission"))) {
            client.readLine();
            ehlo(client);
            client.send("STARTTLS");
            client.readLine();
            client.startTls(Transcript.trustAll());
            ehlo(client);
            client.send("AUTH PLAIN AGFsaWNlQGV4YW1wbGUudGVzdAB3b25kZXIgbGFuZA==");
            assertThat(client.readLine()).startsWith("235 ");
            // one write: the whole transaction with DSN parameters
            client.write("MAIL FROM:<alice@example.test> BODY=8BITMIME RET=HDRS ENVID=trip+2B1\r\n"
                    + "RCPT TO:<bob@example.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob+40example.test\r\n"
                    + "RCPT TO:<friend@elsewhere.example> NOTIFY=NEVER\r\n"
                    + "DATA\r\n");
            assertThat(client.readLine()).isEqualTo("250 2.1.0 Sender ok");
            assertThat(client.readLine()).isEqualTo("250 2.1.5 Recipient ok");
            assertThat(client.readLine()).isEqualTo("250 2.1.5 Recipient ok");
            assertThat(client.readLine()).startsWith("354 ");
            client.write("Subject: Grüße\r\n\r\n..leading dot\r\nline two\r\n.\r\n");
            String reply = client.readLine();
            assertThat(reply).matches("250 2\\.0\\.0 Ok: queued as [0-9A-Z]{23}");
            id = reply.substring(reply.lastIndexOf(' ') + 1);
        }
        List<InboundTopic.Published> records = InboundTopic.withId(id);
        assertThat(records).hasSize(1);
        Envelope envelope = records.get(0).envelope();
        assertThat(envelope.reversePath()).isEqualTo("alice@example.test");
        assertThat(envelope.recipients()).containsExactly(
                new EnvelopeRecipient("bob@example.test", Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE), "rfc822;bob+40example.test"),
                new EnvelopeRecipient("friend@elsewhere.example", Set.of(DsnNotify.NEVER), null));
        assertThat(envelope.dsnReturn()).isEqualTo(DsnReturn.HDRS);
        assertThat(envelope.dsnEnvelopeId()).isEqualTo("trip+1");
        assertThat(envelope.bodyType()).isEqualTo(BodyType.EIGHT_BIT_MIME);
        assertThat(envelope.authenticatedUser()).isEqualTo("alice@example.test");
        assertThat(envelope.heloName()).isEqualTo("client.example.org");
        assertThat(envelope.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(envelope.tls()).isNotNull();
        String message = new String(records.get(0).message(), StandardCharsets.UTF_8);
        assertThat(message).startsWith("Received: from client.example.org ([127.0.0.1])\r\n\tby mx.example.test with ESMTPSA ("
                + envelope.tls().protocol() + " " + envelope.tls().cipherSuite() + ")\r\n\tid " + id + "; ");
        assertThat(message).endsWith("\r\nSubject: Grüße\r\n\r\n.leading dot\r\nline two\r\n");
    }

    @Test
    void aSingleRecipientIsNamedInTheReceivedFieldAndHeloSessionsAreSmtp() throws Exception {
        String id;
        try (LineClient client = new LineClient("127.0.0.1", server.port("smtp"))) {
            client.readLine();
            client.write("HELO old.example.org\r\nMAIL FROM:<>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\n");
            for (int i = 0; i < 4; i++) {
                client.readLine();
            }
            client.write("\r\nbody\r\n.\r\n");
            String reply = client.readLine();
            id = reply.substring(reply.lastIndexOf(' ') + 1);
        }
        InboundTopic.Published record = InboundTopic.withId(id).get(0);
        assertThat(record.envelope().isNullReversePath()).isTrue();
        assertThat(new String(record.message(), StandardCharsets.UTF_8))
                .startsWith("Received: from old.example.org ([127.0.0.1])\r\n\tby mx.example.test with SMTP\r\n\tid " + id
                        + "\r\n\tfor <alice@example.test>; ");
    }

    @Test
    void recipientAnswersComeFromTheCacheUntilItExpires(@Autowired DirectoryService directory,
            @Autowired RecipientDirectory cache) throws Exception {
        try (LineClient client = new LineClient("127.0.0.1", server.port("smtp"))) {
            client.readLine();
            client.write("HELO client.example.org\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<carol@example.test>\r\n");
            client.readLine();
            client.readLine();
            assertThat(client.readLine()).isEqualTo("550 5.1.1 No such user here");
            directory.createAccount("carol@example.test", "secret");
            // within the TTL the directory is not asked again
            client.send("RCPT TO:<carol@example.test>");
            assertThat(client.readLine()).isEqualTo("550 5.1.1 No such user here");
            cache.invalidateAll();
            client.send("RCPT TO:<carol@example.test>");
            assertThat(client.readLine()).isEqualTo("250 2.1.5 Recipient ok");
        }
    }
}

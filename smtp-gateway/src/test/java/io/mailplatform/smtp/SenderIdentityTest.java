package io.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.sasl.SaslPlain;
import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 6409 §6.1: an authenticated client sends as its own addresses only (by default, on every
 * listener): its account, the aliases pointing at it, their {@code +tag} forms, {@code <>}, and what
 * {@code mail.smtp.permitted-senders} grants.
 */
class SenderIdentityTest extends GatewayTestBase {

    private static LineClient login(int port, String user) throws Exception {
        LineClient client = LineClient.connectTls("127.0.0.1", port, Transcript.trustAll());
        client.readLine();
        client.send("EHLO client.example.org");
        client.readSmtpReply();
        client.send("AUTH PLAIN " + SaslPlain.encode(user, TestDirectory.PASSWORD));
        assertThat(client.readLine()).startsWith("235 ");
        return client;
    }

    private static void assertSenders(LineClient client, List<String> owned, List<String> others) throws Exception {
        for (String own : owned) {
            client.send("MAIL FROM:" + own);
            assertThat(client.readLine()).as(own).startsWith("250 ");
            client.send("RSET");
            client.readLine();
        }
        for (String other : others) {
            client.send("MAIL FROM:" + other);
            assertThat(client.readLine()).as(other).isEqualTo("553 5.7.1 Sender address not owned by the authenticated user");
        }
    }

    @Test
    void byDefaultAnAuthenticatedClientSendsOnlyAsItsOwnAddresses() throws Exception {
        try (LineClient client = login(server.port("submissions"), TestDirectory.ALICE)) {
            assertSenders(client, List.of("<alice@example.test>", "<Alice+news@EXAMPLE.test>", "<team@example.test>",
                    "<team+x@example.test>", "<>"), List.of("<bob@example.test>", "<alice@elsewhere.test>",
                    "<postmaster@example.test>"));
        }
    }

    @Test
    void moreIdentitiesAreGrantedByConfiguration() throws Exception {
        SmtpServer granting = TestServers.start(context, TestServers.properties(
                TestServers.limits(100, 100, Duration.ofMinutes(1), Duration.ofMinutes(1)), TestServers.noProxy(), true,
                List.of("Alice@example.test:*@alice.example", "*:noreply@example.test")));
        try {
            try (LineClient alice = login(granting.port("submissions"), TestDirectory.ALICE)) {
                assertSenders(alice, List.of("<anyone@alice.example>", "<noreply@example.test>", "<alice@example.test>"),
                        List.of("<anyone@bob.example>", "<bob@example.test>"));
            }
            try (LineClient bob = login(granting.port("submissions"), TestDirectory.BOB)) {
                assertSenders(bob, List.of("<noreply@example.test>", "<bob+x@example.test>"),
                        List.of("<anyone@alice.example>"));
            }
        } finally {
            granting.stop();
        }
    }

    @Test
    void switchedOffAnyReversePathIsAccepted() throws Exception {
        SmtpServer open = TestServers.start(context, TestServers.properties(
                TestServers.limits(100, 100, Duration.ofMinutes(1), Duration.ofMinutes(1)), TestServers.noProxy(), false));
        try (LineClient client = login(open.port("submissions"), TestDirectory.ALICE)) {
            assertSenders(client, List.of("<bob@example.test>", "<someone@elsewhere.test>"), List.of());
        } finally {
            open.stop();
        }
    }
}

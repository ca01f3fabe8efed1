package io.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.core.srs.SrsCodec;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.smtp.policy.RecipientDirectory;
import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.directory.Postmaster;
import io.mailplatform.store.directory.Subaddressing;
import io.mailplatform.testsupport.LineClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 5321 §4.5.1 and the backscatter it caused: {@code RCPT TO:<Postmaster>} with a forged MAIL
 * FROM used to become {@code postmaster@<mail.smtp.hostname>}, a relay recipient when that name is
 * not a local domain, which delivery then failed and bounced, with the whole message, to the forged
 * sender. Now it is the configured local postmaster; without one that can take mail it is deferred.
 */
class PostmasterTest extends GatewayTestBase {

    private static String send(LineClient client, String from, String to) throws Exception {
        client.write("EHLO client.example.org\r\n");
        client.readSmtpReply();
        client.write("MAIL FROM:<" + from + ">\r\nRCPT TO:<" + to + ">\r\n");
        assertThat(client.readLine()).startsWith("250 ");
        return client.readLine();
    }

    @Test
    void theBarePostmasterIsTheConfiguredLocalMailboxNotThePostmasterOfTheHostName() throws Exception {
        String id;
        try (LineClient client = new LineClient("127.0.0.1", server.port("smtp"))) {
            client.readLine();
            assertThat(send(client, "forged@victim.example", "Postmaster")).isEqualTo("250 2.1.5 Recipient ok");
            client.write("DATA\r\n");
            assertThat(client.readLine()).startsWith("354 ");
            client.write("Subject: to the postmaster\r\n\r\nsome attacker-chosen content\r\n.\r\n");
            String reply = client.readLine();
            assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
            id = reply.substring(reply.lastIndexOf(' ') + 1);
        }
        List<InboundTopic.Published> records = InboundTopic.withId(id);
        assertThat(records).hasSize(1);
        // not postmaster@mx.example.test: that host name is not a local domain here
        assertThat(records.get(0).envelope().recipients()).containsExactly(EnvelopeRecipient.of("postmaster@example.test"));
    }

    @Test
    void withoutADeliverablePostmasterTheClientIsAskedToRetryAndNothingIsRelayed() throws Exception {
        SmtpProperties properties = TestServers.properties(
                TestServers.limits(100, 100, Duration.ofMinutes(1), Duration.ofMinutes(1)), TestServers.noProxy());
        DirectoryService directory = context.getBean(DirectoryService.class);
        Subaddressing subaddressing = context.getBean(Subaddressing.class);
        // a fresh installation: none configured, or one whose domain has not been created yet
        for (String configured : new String[] {null, "postmaster@not-yet.example"}) {
            RecipientDirectory recipients = new RecipientDirectory(directory, new Postmaster(configured), subaddressing,
                    context.getBean(SrsCodec.class), properties);
            SmtpServer fresh = TestServers.start(context, properties, recipients);
            try (LineClient client = new LineClient("127.0.0.1", fresh.port("smtp"))) {
                client.readLine();
                assertThat(send(client, "forged@victim.example", "Postmaster")).as(configured)
                        .isEqualTo("451 4.3.5 Postmaster mailbox not configured, try again later");
                client.write("DATA\r\n");
                assertThat(client.readLine()).isEqualTo("554 5.5.1 No valid recipients");
            } finally {
                fresh.stop();
            }
        }
    }
}

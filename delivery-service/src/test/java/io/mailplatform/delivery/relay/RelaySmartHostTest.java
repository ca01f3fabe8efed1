package io.mailplatform.delivery.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.certificate.SelfSignedCertificate;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.delivery.config.RelayProperties;
import io.mailplatform.delivery.dns.MxResolver;
import io.mailplatform.delivery.relay.smtp.RelayClients;
import io.mailplatform.delivery.relay.smtp.SmtpClient;
import io.mailplatform.delivery.support.RelayFakes;
import io.mailplatform.delivery.support.RelayTestSupport;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import io.mailplatform.testsupport.smtp.ReceivedTransaction;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A smart host: every domain without a static route goes there instead of to its MX hosts, over
 * TLS when required (the certificate checked) and with AUTH; static routes still win.
 */
class RelaySmartHostTest extends RelayTestSupport {
    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate("localhost");

    @Autowired
    RelayParts parts;
    @Autowired
    MxResolver mx;
    @Autowired
    OwnListeners ownListeners;

    @BeforeAll
    void provision() throws Exception {
        domain("relay-home.test");
        account("smart@relay-home.test");
    }

    @Test
    void mailWithoutARouteGoesToTheSmartHostOverTlsWithAuthentication() throws Exception {
        try (FakeSmtpServer smartHost = FakeSmtpServer.builder().extensions("STARTTLS", "PIPELINING", "8BITMIME",
                        "AUTH PLAIN LOGIN").tls(RelayClients.serverTls(CERTIFICATE)).credentials("relay", "s3cret").start();
                SmtpClient client = new SmtpClient(RelayClients.properties(), "mx.example.test",
                        RelayClients.trusting(CERTIFICATE))) {
            RelayProperties settings = new Binder(new MapConfigurationPropertySource(Map.of(
                    "mail.relay.smart-host", "localhost:" + smartHost.port(),
                    "mail.relay.smart-host-username", "relay",
                    "mail.relay.smart-host-password", "s3cret",
                    "mail.relay.smart-host-tls", "required",
                    "mail.relay.routes." + RelayFakes.ROUTED, "127.0.0.1:" + RelayFakes.routed().port())))
                    .bindOrCreate("mail.relay", RelayProperties.class);
            assertThat(settings.toString()).doesNotContain("s3cret");
            RelayParts smart = new RelayParts(parts.queue(), parts.messageContents(),
                    new NextHopResolver(settings, mx, ownListeners), client, 10, parts.schedule(), parts.store(),
                    parts.transactions(), parts.resolver(), parts.dsn(), parts.metrics());
            String subject = "smart " + UUID.randomUUID();
            Envelope envelope = submission("smart@relay-home.test",
                    recipients("far@elsewhere.example", "near@" + RelayFakes.ROUTED));
            queue(envelope, message(subject));

            try (RelayWorker worker = new RelayWorker(settings, 64 * 1024, smart, clock, "smart-host-test")) {
                assertThat(worker.runOnce()).isEqualTo(2);
            }

            assertThat(received(smartHost, subject)).singleElement().satisfies(t -> {
                assertThat(t.tls()).isTrue();
                assertThat(t.authenticatedUser()).isEqualTo("relay");
                assertThat(t.recipientAddresses()).containsExactly("far@elsewhere.example");
            });
            assertThat(received(RelayFakes.routed(), subject)).extracting(ReceivedTransaction::recipientAddresses)
                    .containsExactly(java.util.List.of("near@" + RelayFakes.ROUTED));
            assertThat(queued(envelope.id())).isZero();
        }
    }
}

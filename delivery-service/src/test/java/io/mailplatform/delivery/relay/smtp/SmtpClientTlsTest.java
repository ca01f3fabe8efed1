package io.mailplatform.delivery.relay.smtp;

import static io.mailplatform.delivery.relay.smtp.RelayClients.await;
import static io.mailplatform.delivery.relay.smtp.RelayClients.connect;
import static io.mailplatform.delivery.relay.smtp.RelayClients.connected;
import static io.mailplatform.delivery.relay.smtp.RelayClients.failed;
import static io.mailplatform.delivery.relay.smtp.RelayClients.message;
import static io.mailplatform.delivery.relay.smtp.RelayClients.send;
import static io.mailplatform.delivery.relay.smtp.RelayClients.serverTls;
import static io.mailplatform.delivery.relay.smtp.RelayClients.transaction;
import static io.mailplatform.delivery.relay.smtp.RelayClients.trusting;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.certificate.SelfSignedCertificate;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** STARTTLS (RFC 3207): opportunistic by default, required per route, and AUTH only over TLS. */
class SmtpClientTlsTest {
    /** Names localhost and 127.0.0.1, like the development certificate. */
    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate("localhost");
    private static final SelfSignedCertificate STRANGER = SelfSignedCertificate.generate("localhost");
    private static final SmtpClient client = RelayClients.client(trusting(CERTIFICATE));

    @AfterAll
    static void stop() {
        client.close();
    }

    private static FakeSmtpServer.Builder tlsServer(SelfSignedCertificate certificate) {
        return FakeSmtpServer.builder().extensions("STARTTLS", "PIPELINING").tls(serverTls(certificate));
    }

    private static void delivers(SmtpConnection connection, FakeSmtpServer server) {
        assertThat(send(connection, transaction("alice@example.test", List.of("bob@example.org"),
                message("tls", "secret\r\n"))).delivered()).hasSize(1);
        assertThat(server.accepted().get(server.accepted().size() - 1).tls()).isEqualTo(connection.tls() != null);
    }

    @Test
    void opportunisticTlsIsUsedWheneverOfferedWithoutCheckingTheCertificate() throws Exception {
        try (FakeSmtpServer server = tlsServer(STRANGER).start()) {
            SmtpConnection connection = connected(client, server);
            assertThat(connection.tls()).isNotNull();
            assertThat(connection.tls().verified()).isFalse();
            assertThat(connection.tls().protocol()).startsWith("TLSv1.");
            // RFC 3207 §4.2: EHLO again after TLS, and the extensions are the new ones
            assertThat(server.sessions().get(0).verbs()).containsExactly("EHLO", "STARTTLS", "EHLO");
            assertThat(connection.extensions().supports(EhloExtensions.STARTTLS)).isFalse();
            delivers(connection, server);
        }
    }

    @Test
    void opportunisticTlsWithoutStartTlsGoesInPlaintext() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().start()) {
            SmtpConnection connection = connected(client, server);
            assertThat(connection.tls()).isNull();
            delivers(connection, server);
        }
    }

    @Test
    void requiredTlsFailsTemporarilyWhenTheServerDoesNotOfferIt() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().start()) {
            SmtpFailure failure = failed(connect(client, server, TlsPolicy.REQUIRED));
            assertThat(failure.kind()).isEqualTo(FailureKind.TLS_UNAVAILABLE);
            assertThat(failure.permanent()).isFalse();
            assertThat(failure.status()).hasToString("4.7.10");
            RelayClients.awaitEnded(server.sessions().get(0));
            assertThat(server.sessions().get(0).verbs()).containsExactly("EHLO", "QUIT");
            assertThat(server.transactions()).isEmpty();
        }
    }

    @Test
    void requiredTlsChecksTheChainAndTheHostName() throws Exception {
        try (FakeSmtpServer trusted = tlsServer(CERTIFICATE).start();
                FakeSmtpServer untrusted = tlsServer(STRANGER).start()) {
            SmtpConnection connection = connected(await(client.connect(RelayClients.host(trusted), TlsPolicy.REQUIRED, null)));
            assertThat(connection.tls().verified()).isTrue();
            delivers(connection, trusted);

            SmtpFailure wrongName = failed(await(client.connect(new RemoteHost("mx.elsewhere.test", trusted.address()),
                    TlsPolicy.REQUIRED, null)));
            assertThat(wrongName.kind()).isEqualTo(FailureKind.TLS_FAILED);
            assertThat(wrongName.permanent()).isFalse();

            SmtpFailure unknownIssuer = failed(connect(client, untrusted, TlsPolicy.REQUIRED));
            assertThat(unknownIssuer.kind()).isEqualTo(FailureKind.TLS_FAILED);
            assertThat(unknownIssuer.status()).hasToString("4.7.5");
            assertThat(trusted.transactions()).hasSize(1);
            assertThat(untrusted.transactions()).isEmpty();
        }
    }

    @Test
    void requiredTlsWithoutVerificationTakesAnyCertificate() throws Exception {
        try (FakeSmtpServer server = tlsServer(STRANGER).start();
                SmtpClient lenient = RelayClients.client("tls.verify-required=false")) {
            SmtpConnection connection = connected(connect(lenient, server, TlsPolicy.REQUIRED));
            assertThat(connection.tls().verified()).isFalse();
            delivers(connection, server);
        }
    }

    @Test
    void aFailedOpportunisticHandshakeIsRetriedOnceInPlaintext() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().extensions("STARTTLS").brokenTls().start();
                SmtpClient strict = RelayClients.client("tls.plaintext-fallback=false")) {
            SmtpConnection connection = connected(client, server);
            assertThat(connection.tls()).isNull();
            delivers(connection, server);
            assertThat(server.sessions()).hasSize(2);
            assertThat(server.sessions().get(1).verbs()).doesNotContain("STARTTLS");

            SmtpFailure failure = failed(connect(strict, server, TlsPolicy.OPPORTUNISTIC));
            assertThat(failure.kind()).isEqualTo(FailureKind.TLS_FAILED);
            assertThat(failure.permanent()).isFalse();
            assertThat(server.sessions()).hasSize(3);
        }
    }

    @Test
    void aSmartHostGetsAuthPlainOverVerifiedTls() throws Exception {
        try (FakeSmtpServer server = tlsServer(CERTIFICATE).extensions("AUTH PLAIN LOGIN").credentials("relay", "s3cret")
                .start()) {
            SmtpConnection connection = connected(await(client.connect(RelayClients.host(server), TlsPolicy.REQUIRED,
                    new SmtpCredentials("relay", "s3cret"))));
            delivers(connection, server);
            assertThat(server.accepted().get(0).authenticatedUser()).isEqualTo("relay");
            assertThat(server.sessions().get(0).verbs()).containsExactly("EHLO", "STARTTLS", "EHLO", "AUTH", "MAIL",
                    "RCPT", "DATA");
        }
    }

    @Test
    void authLoginWhenPlainIsNotOffered() throws Exception {
        try (FakeSmtpServer server = tlsServer(CERTIFICATE).extensions("AUTH LOGIN").credentials("relay", "s3cret")
                .start()) {
            SmtpConnection connection = connected(await(client.connect(RelayClients.host(server), TlsPolicy.REQUIRED,
                    new SmtpCredentials("relay", "s3cret"))));
            delivers(connection, server);
            assertThat(server.accepted().get(0).authenticatedUser()).isEqualTo("relay");
        }
    }

    @Test
    void refusedCredentialsAreATemporaryFailureWithTheServersReply() throws Exception {
        try (FakeSmtpServer server = tlsServer(CERTIFICATE).extensions("AUTH PLAIN").credentials("relay", "s3cret")
                .start()) {
            SmtpFailure failure = failed(await(client.connect(RelayClients.host(server), TlsPolicy.REQUIRED,
                    new SmtpCredentials("relay", "wrong"))));
            assertThat(failure.kind()).isEqualTo(FailureKind.AUTH_FAILED);
            assertThat(failure.permanent()).isFalse();
            assertThat(failure.diagnosticCode()).isEqualTo("smtp; 535 5.7.8 authentication credentials invalid");
            assertThat(failure.detail()).doesNotContain("wrong");
        }
    }

    @Test
    void credentialsAreNeverSentWithoutTls() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.builder().extensions("AUTH PLAIN").credentials("relay", "s3cret")
                .start()) {
            SmtpFailure failure = failed(await(client.connect(RelayClients.host(server), TlsPolicy.OPPORTUNISTIC,
                    new SmtpCredentials("relay", "s3cret"))));
            assertThat(failure.kind()).isEqualTo(FailureKind.AUTH_FAILED);
            assertThat(failure.status()).hasToString("4.7.11");
            RelayClients.awaitEnded(server.sessions().get(0));
            assertThat(server.sessions().get(0).verbs()).containsExactly("EHLO", "QUIT");
        }
    }
}

package io.mailplatform.delivery.relay.smtp;

import static io.mailplatform.delivery.relay.smtp.RelayClients.await;
import static io.mailplatform.delivery.relay.smtp.RelayClients.connected;
import static io.mailplatform.delivery.relay.smtp.RelayClients.failed;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.delivery.support.TestAuthority;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link TlsPolicy#AUTHENTICATED} (MTA-STS, RFC 8461 §4.2): the chain to a trusted authority and a
 * subjectAltName for the MX host are checked after the handshake, whatever
 * {@code verify-required} says, and a failure says which of RFC 8460's it was. Nothing is sent to a
 * server that fails, not even EHLO over the new TLS.
 */
class SmtpClientAuthenticatedTlsTest {
    private static final String MX = "mx1.example.test";
    private static final SmtpClient client = RelayClients.client(TestAuthority.trust(), "tls.verify-required=false");

    @AfterAll
    static void stop() {
        client.close();
    }

    private static ConnectResult connect(FakeSmtpServer server) {
        return await(client.connect(new RemoteHost(MX, server.address()), TlsPolicy.AUTHENTICATED, null));
    }

    private static FakeSmtpServer server(SSLContext tls) throws Exception {
        return FakeSmtpServer.builder().extensions("STARTTLS", "PIPELINING").tls(tls).start();
    }

    @Test
    void aCertificateForTheHostFromATrustedAuthorityIsVerified() throws Exception {
        try (FakeSmtpServer server = server(TestAuthority.server(MX));
                FakeSmtpServer wildcard = server(TestAuthority.server("*.example.test"))) {
            SmtpConnection connection = connected(connect(server));
            assertThat(connection.tls().verified()).isTrue();
            connection.close();
            SmtpConnection matched = connected(connect(wildcard));
            assertThat(matched.tls().verified()).isTrue();
            matched.close();
        }
    }

    @Test
    void eachCertificateFailureIsNamed() throws Exception {
        try (FakeSmtpServer expired = server(TestAuthority.expired(MX));
                FakeSmtpServer otherName = server(TestAuthority.server("mx2.example.test"));
                FakeSmtpServer deeperWildcard = server(TestAuthority.server("*.test"));
                FakeSmtpServer untrusted = server(RelayClients.serverTls(
                        io.mailplatform.certificate.SelfSignedCertificate.generate(MX)))) {
            assertThat(failed(connect(expired)).kind()).isEqualTo(FailureKind.CERTIFICATE_EXPIRED);
            assertThat(failed(connect(otherName)).kind()).isEqualTo(FailureKind.CERTIFICATE_HOST_MISMATCH);
            assertThat(failed(connect(deeperWildcard)).kind()).isEqualTo(FailureKind.CERTIFICATE_HOST_MISMATCH);
            SmtpFailure failure = failed(connect(untrusted));
            assertThat(failure.kind()).isEqualTo(FailureKind.CERTIFICATE_NOT_TRUSTED);
            assertThat(failure.permanent()).isFalse();
            assertThat(failure.status()).hasToString("4.7.5");
            RelayClients.awaitEnded(untrusted.sessions().get(0));
            assertThat(untrusted.sessions().get(0).verbs()).containsExactly("EHLO", "STARTTLS", "QUIT");
        }
    }

    @Test
    void withoutStartTlsNothingIsSent() throws Exception {
        try (FakeSmtpServer plain = FakeSmtpServer.builder().extensions("PIPELINING").start()) {
            SmtpFailure failure = failed(connect(plain));
            assertThat(failure.kind()).isEqualTo(FailureKind.TLS_UNAVAILABLE);
            assertThat(plain.transactions()).isEmpty();
        }
    }
}

package io.mailplatform.delivery.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.certificate.SelfSignedCertificate;
import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.config.RelayClientProperties;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import io.mailplatform.testsupport.smtp.FakeSmtpSessionLog;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.Awaitility;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Builds relay clients, transactions and TLS material for the client and relay tests. */
public final class RelayClients {
    static final String HELO = "relay.example.test";
    /** Long enough for anything but a hang on a loaded machine; the tests that time out set their own. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    private RelayClients() {
    }

    /** The properties as Spring binds them: the defaults, changed by {@code key=value} pairs under mail.relay.client. */
    public static RelayClientProperties properties(String... settings) {
        Map<String, String> map = new HashMap<>();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            map.put("mail.relay.client." + setting.substring(0, equals), setting.substring(equals + 1));
        }
        return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("mail.relay.client",
                RelayClientProperties.class);
    }

    static SmtpClient client(String... settings) {
        return new SmtpClient(properties(settings), HELO, null);
    }

    static SmtpClient client(TrustManagerFactory trust, String... settings) {
        return new SmtpClient(properties(settings), HELO, trust);
    }

    static RemoteHost host(FakeSmtpServer server) {
        return new RemoteHost("localhost", server.address());
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no result within " + WAIT, e);
        }
    }

    /** Waits until the fake server's session is over (the client closed it, or QUIT). */
    static void awaitEnded(FakeSmtpSessionLog session) {
        Awaitility.await().atMost(WAIT).until(session::ended);
    }

    static ConnectResult connect(SmtpClient client, FakeSmtpServer server, TlsPolicy policy) {
        return await(client.connect(host(server), policy, null));
    }

    /** Connects opportunistically and expects to succeed. */
    static SmtpConnection connected(SmtpClient client, FakeSmtpServer server) {
        return connected(await(client.connect(host(server), TlsPolicy.OPPORTUNISTIC, null)));
    }

    static SmtpConnection connected(ConnectResult result) {
        assertThat(result).as("connect result").isInstanceOf(ConnectResult.Connected.class);
        return ((ConnectResult.Connected) result).connection();
    }

    static SmtpFailure failed(ConnectResult result) {
        assertThat(result).as("connect result").isInstanceOf(ConnectResult.Failed.class);
        return ((ConnectResult.Failed) result).failure();
    }

    static TransactionResult send(SmtpConnection connection, OutboundTransaction transaction) {
        return await(connection.send(transaction));
    }

    static OutboundTransaction transaction(String from, List<String> to, byte[] content) {
        return transaction(from, to, BodyType.SEVEN_BIT, content);
    }

    static OutboundTransaction transaction(String from, List<String> to, BodyType body, byte[] content) {
        return new OutboundTransaction(from, to.stream().map(EnvelopeRecipient::of).toList(), body, false, null, null,
                MessageContent.of(content));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] message(String subject, String body) {
        return bytes("From: alice@example.test\r\nTo: bob@example.org\r\nSubject: " + subject + "\r\n\r\n" + body);
    }

    /** A server-side TLS context with this certificate. */
    public static SSLContext serverTls(SelfSignedCertificate certificate) {
        return certificate.sslBundle().createSslContext();
    }

    /** Trust in exactly this certificate. */
    public static TrustManagerFactory trusting(SelfSignedCertificate certificate) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("trusted", certificate.certificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return trust;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

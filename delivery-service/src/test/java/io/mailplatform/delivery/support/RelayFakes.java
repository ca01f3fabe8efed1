package io.mailplatform.delivery.support;

import io.mailplatform.testsupport.smtp.FakeResponse;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The remote servers of the relay tests, one per test JVM, reached through static routes of the
 * shared context ({@code mail.relay.routes.*}): each domain stands for one behaviour. The MX tests
 * bind their own servers to {@link #mxPort()} at 127.0.0.x and name them in the stub DNS.
 */
public final class RelayFakes {
    /** Takes everything but {@link #REFUSED}; no DSN extension. */
    public static final String ROUTED = "relay.test";
    /** Refused at RCPT by {@link #ROUTED}'s server, permanently. */
    public static final String REFUSED = "nobody@relay.test";
    /** Offers the DSN extension, so NOTIFY goes on to it. */
    public static final String DSN_AWARE = "dsn.relay.test";
    /** Answers 451 to the first two messages, then takes them. */
    public static final String FLAKY = "flaky.relay.test";
    /** Routed to a port where nothing listens: every attempt fails temporarily. */
    public static final String DOWN = "down.relay.test";
    /** Routed to one of our own listeners ({@code mail.relay.own-ports}). */
    public static final String SELF = "self.relay.test";
    /** Stops reading each message after a few octets until told to resume: a transaction under way. */
    public static final String PAUSING = "pausing.relay.test";

    private static FakeSmtpServer routed;
    private static FakeSmtpServer dsnAware;
    private static FakeSmtpServer flaky;
    private static FakeSmtpServer pausing;
    private static int downPort;
    private static int ownPort;
    private static int mxPort;
    private static int policyPort;

    private RelayFakes() {
    }

    public static synchronized FakeSmtpServer routed() {
        start();
        return routed;
    }

    public static synchronized FakeSmtpServer dsnAware() {
        start();
        return dsnAware;
    }

    public static synchronized FakeSmtpServer flaky() {
        start();
        return flaky;
    }

    public static synchronized FakeSmtpServer pausing() {
        start();
        return pausing;
    }

    /** The port of MX hosts in the relay tests ({@code mail.relay.mx-port}). */
    public static synchronized int mxPort() {
        start();
        return mxPort;
    }

    /** The port of MTA-STS policy hosts in the relay tests ({@code mail.relay.mta-sts.https-port}). */
    public static synchronized int policyPort() {
        start();
        return policyPort;
    }

    /** The routes and ports of the shared context; the relay trusts {@link TestAuthority}. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("mail.relay.routes." + ROUTED, () -> "127.0.0.1:" + routed().port());
        registry.add("mail.relay.routes." + DSN_AWARE, () -> "127.0.0.1:" + dsnAware().port());
        registry.add("mail.relay.routes." + FLAKY, () -> "127.0.0.1:" + flaky().port());
        registry.add("mail.relay.routes." + PAUSING, () -> "127.0.0.1:" + pausing().port());
        registry.add("mail.relay.routes." + DOWN, () -> "127.0.0.1:" + ports()[0]);
        registry.add("mail.relay.routes." + SELF, () -> "127.0.0.1:" + ports()[1]);
        registry.add("mail.relay.own-ports", () -> ports()[1]);
        registry.add("mail.relay.mx-port", RelayFakes::mxPort);
        registry.add("mail.relay.mta-sts.https-port", RelayFakes::policyPort);
        registry.add("spring.ssl.bundle.pem." + TestAuthority.BUNDLE + ".truststore.certificate", TestAuthority::pem);
        registry.add("mail.relay.client.tls.trust-bundle", () -> TestAuthority.BUNDLE);
    }

    private static synchronized int[] ports() {
        start();
        return new int[] {downPort, ownPort};
    }

    private static void start() {
        if (routed != null) {
            return;
        }
        try {
            routed = FakeSmtpServer.builder().hostname("mx.relay.test")
                    .extensions("PIPELINING", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES")
                    .onRecipient(REFUSED, FakeResponse.reply("550 5.1.1 <" + REFUSED + ">: no such user here"))
                    .start();
            dsnAware = FakeSmtpServer.builder().hostname("mx.dsn.relay.test")
                    .extensions("PIPELINING", "8BITMIME", "DSN", "ENHANCEDSTATUSCODES").start();
            flaky = FakeSmtpServer.builder().hostname("mx.flaky.relay.test").extensions("PIPELINING", "8BITMIME")
                    .tempFailFirst(2).start();
            pausing = FakeSmtpServer.builder().hostname("mx.pausing.relay.test").extensions("8BITMIME")
                    .pauseDataAfter(10).start();
            downPort = freePort();
            ownPort = freePort();
            mxPort = freePort();
            policyPort = freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on at the moment (nothing of these tests binds it on 127.0.0.1). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
